export declare function bigDockerfile(stages?: number): string;

# pattern: Node addon: node-gyp rebuild under emulation
# expect: 6 emulated-compile
FROM node:20
WORKDIR /addon
COPY . .
RUN npx node-gyp rebuild

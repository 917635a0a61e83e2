# pattern: Electron-style tool: npm rebuild of native modules under emulation
# expect: 6 emulated-compile
FROM node:20
WORKDIR /app
COPY . .
RUN npm rebuild bcrypt --build-from-source
CMD ["node", "index.js"]

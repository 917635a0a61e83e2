# pattern: Node API: npm ci with no compiler in the stage (prebuilt packages)
# expect: none
FROM node:20-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

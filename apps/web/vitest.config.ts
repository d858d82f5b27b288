import { defineConfig } from 'vitest/config';

// The web app's pure logic (form model, timeline filter). Browser behaviour is tested by e2e/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

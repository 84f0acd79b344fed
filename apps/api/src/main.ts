import { consolePath, createApp } from './create-app';
import { ConfigError, loadConfig, startTracing } from '@psp/runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  startTracing(process.env, process.env.OTEL_SERVICE_NAME ?? 'psp-case-engine');
  const app = await createApp(config);
  await app.listen({ host: config.host, port: config.port });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const store = config.eventStoreUrl.replace(/\/\/[^@/]*@/, '//***@');
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'PSP case engine listening',
      url: `http://${config.host}:${port}`,
      health: `http://${config.host}:${port}/health`,
      docs: `http://${config.host}:${port}/docs`,
      ...(consolePath() ? { console: `http://${config.host}:${port}${consolePath()}/` } : {}),
      eventStore: store,
    }),
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ level: 'fatal', msg: 'PSP case engine could not start', error: message }));
  process.exit(1);
});

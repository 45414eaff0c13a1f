using Platform.DevHost;

await using var app = DevHostApplication.Build(args);
await app.RunAsync();

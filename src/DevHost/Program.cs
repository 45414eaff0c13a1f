using Platform.DevHost;
using Platform.DevHost.Demo;

var demo = DemoRun.Requested(args, out var csv);
await using var app = DevHostApplication.Build(args, demo ? DemoRun.Settings : null);
if (demo)
{
    return await DemoRun.RunAsync(app, csv);
}

await app.RunAsync();
return 0;

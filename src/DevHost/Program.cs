using Platform.DevHost;
using Platform.DevHost.Demo;

await using var app = DevHostApplication.Build(args);
if (DemoRun.Requested(args, out var csv))
{
    return await DemoRun.RunAsync(app, csv);
}

await app.RunAsync();
return 0;

using Platform.ServiceBusBenchmarks;

// Usage: dotnet run -c Release --project benchmarks/ServiceBusBenchmarks [-- messageCount]
// Measures the in-process emulator by default; SERVICEBUS_CONNECTION_STRING measures another namespace
// (its queue "bench" must exist).
var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
await ThroughputBenchmark.RunAsync(count);

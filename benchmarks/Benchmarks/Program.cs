using Platform.Benchmarks;

var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Benchmarks [--quick] [--data path-to-sst2.csv] [--only tokenization|csv|training|inference]");
    return 2;
}

new BenchmarkRunner(options).Run();
return 0;

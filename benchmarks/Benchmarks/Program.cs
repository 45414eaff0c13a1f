using Platform.Benchmarks;

var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Benchmarks [--quick] [--data path-to-sst2.csv] [--only tokenization|csv|training|precision|precision-speed|layer-profile|embedding-update|step-quality|inference|http|quality] [--dataset sst2,agnews,goemotions,chnsenticorp] [--with-earlier-defaults]");
    return 2;
}

await new BenchmarkRunner(options).RunAsync();
return 0;

using Platform.Modeling.BaseModels;
using Platform.Modeling.FineTuning;
using Platform.Modeling.Packaging;

namespace Platform.GpuJobRunner.Cli;

/// <summary>Turns the errors a user can cause into a message and exit code 2; anything else is a failure (1).</summary>
internal static class CommandGuard
{
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (DatasetRejectedException ex)
        {
            Console.Error.WriteLine(ex.Report.Error is null ? $"error: {ex.Message}" : ex.Report.ToText());
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is BaseModelException or ModelPackageException or ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("stopped; with --checkpoint, running the same command again resumes where this run stopped.");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"failed: {ex}");
            return ExitCodes.Failure;
        }
    }
}

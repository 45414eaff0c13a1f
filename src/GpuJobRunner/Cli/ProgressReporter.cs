using Platform.Modeling.FineTuning;
using Spectre.Console;

namespace Platform.GpuJobRunner.Cli;

/// <summary>A live progress bar on a terminal; plain, throttled lines when output is redirected.</summary>
internal static class ProgressReporter
{
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static T Run<T>(Func<IProgress<FineTuneProgress>, T> job)
    {
        if (!Interactive)
        {
            return job(new PlainProgress(Console.Out));
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => job(new LiveProgress(context)));
    }

    private sealed class LiveProgress(ProgressContext context) : IProgress<FineTuneProgress>
    {
        private ProgressTask? _task;

        public void Report(FineTuneProgress value)
        {
            _task ??= context.AddTask("starting", maxValue: 1.0);
            if (value.Training is { } t)
            {
                _task.Value = t.Fraction;
                _task.Description = Markup.Escape(ProgressText.Describe(t));
            }
            else
            {
                _task.Description = Markup.Escape(value.Phase);
            }

            context.Refresh();
        }
    }

    private sealed class PlainProgress(TextWriter output) : IProgress<FineTuneProgress>
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
        private DateTime _last = DateTime.MinValue;
        private string _phase = "";

        public void Report(FineTuneProgress value)
        {
            if (value.Training is { } t)
            {
                var now = DateTime.UtcNow;
                if (t.Phase == "evaluate" || t.Step == t.TotalSteps || now - _last >= Interval)
                {
                    _last = now;
                    output.WriteLine(ProgressText.Describe(t));
                }
            }
            else if (value.Phase != _phase)
            {
                output.WriteLine(value.Phase);
            }

            _phase = value.Phase;
        }
    }
}

using Microsoft.Extensions.Options;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// Checks <c>Pipeline:Defaults</c> at start-up with the rules a request's options meet, so a bad default stops the host
/// with its key named instead of failing every job that relies on it.
/// </summary>
internal sealed class JobDefaultsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ValidationErrors();
        if (BaseModelNames.Problem(options.Defaults.BaseModel) is { } problem)
        {
            errors.Add("baseModel", problem);
        }

        OptionRules.Check(options.Defaults.Training, errors);
        OptionRules.Check(options.Defaults.Dataset, errors);
        return errors.Any
            ? ValidateOptionsResult.Fail(errors.Lines.Select(line => $"{PipelineOptions.SectionName}:Defaults: {line}"))
            : ValidateOptionsResult.Success;
    }
}

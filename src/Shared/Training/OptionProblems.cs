using System.Globalization;
using System.Text.Json;

namespace Platform.Shared.Training;

/// <summary>Collects the rules an options record breaks, each under its property's JSON name, messages in the invariant culture.</summary>
internal sealed class OptionProblems
{
    private readonly List<OptionProblem> _problems = [];

    public void Require(bool condition, string property, FormattableString message)
    {
        if (!condition)
        {
            _problems.Add(new OptionProblem(JsonNamingPolicy.CamelCase.ConvertName(property), message.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public IReadOnlyList<OptionProblem> ToList() => _problems;
}

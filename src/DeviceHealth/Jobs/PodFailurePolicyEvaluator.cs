using System.Globalization;
using DeviceHealth.Actions;
using DeviceHealth.Inputs;

namespace DeviceHealth.Jobs;

/// <summary>
/// Evaluates a Job <c>podFailurePolicy</c> against a failed pod with the Job controller's semantics: rules in order, the
/// first match wins; <c>onExitCodes</c> looks at terminated app containers first, then init containers, skips
/// containers that have not terminated and containers that exited 0, and filters by <c>containerName</c>;
/// <c>onPodConditions</c> matches type and status; a matching rule with an unknown action is skipped; no match means
/// the failure counts (default handling).
/// </summary>
public static class PodFailurePolicyEvaluator
{
    /// <summary>The most rules the API accepts.</summary>
    public const int MaxRules = 20;

    /// <summary>Matches a failed pod.</summary>
    /// <param name="policy">The policy; null means default handling.</param>
    /// <param name="pod">The failed pod.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pod"/> is null.</exception>
    public static PodFailurePolicyResult Evaluate(PodFailurePolicy? policy, PodSnapshot pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (policy is null)
        {
            return new PodFailurePolicyResult(null, true, null, -1);
        }

        for (int index = 0; index < policy.Rules.Count; index++)
        {
            PodFailurePolicyRule rule = policy.Rules[index];
            string? failMessage;
            if (rule.OnExitCodes is not null)
            {
                ContainerStatusSnapshot? matched = MatchOnExitCodes(pod, rule.OnExitCodes);
                if (matched is null)
                {
                    continue;
                }

                failMessage = string.Format(CultureInfo.InvariantCulture,
                    "Container {0} for pod {1}/{2} failed with exit code {3} matching {4} rule at index {5}",
                    matched.Name, pod.Namespace, pod.Name, matched.ExitCode, rule.Action, index);
            }
            else if (rule.OnPodConditions is not null)
            {
                PodConditionSnapshot? condition = MatchOnPodConditions(pod, rule.OnPodConditions);
                if (condition is null)
                {
                    continue;
                }

                failMessage = string.Format(CultureInfo.InvariantCulture,
                    "Pod {0}/{1} has condition {2} matching {3} rule at index {4}",
                    pod.Namespace, pod.Name, condition.Value.Type, rule.Action, index);
            }
            else
            {
                continue;
            }

            switch (rule.Action)
            {
                case "Ignore":
                    return new PodFailurePolicyResult(PodFailurePolicyAction.Ignore, false, null, index, rule.Name);
                case "FailIndex":
                    return new PodFailurePolicyResult(PodFailurePolicyAction.FailIndex, true, null, index, rule.Name);
                case "Count":
                    return new PodFailurePolicyResult(PodFailurePolicyAction.Count, true, null, index, rule.Name);
                case "FailJob":
                    return new PodFailurePolicyResult(PodFailurePolicyAction.FailJob, true, failMessage, index, rule.Name);
                default:
                    // Unknown actions are skipped so that older controllers tolerate newer policies.
                    continue;
            }
        }

        return new PodFailurePolicyResult(null, true, null, -1);
    }

    /// <summary>Checks a policy against the API's validation rules.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The problems found (empty when valid), each naming the rule's path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public static IReadOnlyList<string> Validate(PodFailurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        List<string> problems = [];
        if (policy.Rules.Count > MaxRules)
        {
            problems.Add($"rules: at most {MaxRules} rules are allowed, found {policy.Rules.Count}");
        }

        for (int i = 0; i < policy.Rules.Count; i++)
        {
            PodFailurePolicyRule rule = policy.Rules[i];
            string path = $"rules[{i}]";
            if ((rule.OnExitCodes is null) == (rule.OnPodConditions is null))
            {
                problems.Add($"{path}: exactly one of onExitCodes and onPodConditions is required");
            }

            if (rule.OnExitCodes is { } codes)
            {
                if (codes.Operator is not ("In" or "NotIn"))
                {
                    problems.Add($"{path}.onExitCodes.operator: expected In or NotIn, found '{codes.Operator}'");
                }

                if (codes.Values.Count is 0 or > 255)
                {
                    problems.Add($"{path}.onExitCodes.values: expected 1 to 255 values, found {codes.Values.Count}");
                }

                if (codes.Operator == "In" && codes.Values.Contains(0))
                {
                    problems.Add($"{path}.onExitCodes.values: 0 is not allowed with the In operator");
                }

                if (codes.Values.Distinct().Count() != codes.Values.Count)
                {
                    problems.Add($"{path}.onExitCodes.values: duplicate values");
                }
            }

            if (rule.OnPodConditions is { Count: > MaxRules })
            {
                problems.Add($"{path}.onPodConditions: at most {MaxRules} patterns are allowed");
            }
        }

        return problems;
    }

    private static ContainerStatusSnapshot? MatchOnExitCodes(PodSnapshot pod, PodFailurePolicyOnExitCodes requirement)
    {
        return MatchIn(pod.ContainerStatuses, requirement, init: false) ?? MatchIn(pod.ContainerStatuses, requirement, init: true);
    }

    private static ContainerStatusSnapshot? MatchIn(
        IReadOnlyList<ContainerStatusSnapshot> statuses,
        PodFailurePolicyOnExitCodes requirement,
        bool init)
    {
        foreach (ContainerStatusSnapshot status in statuses)
        {
            if (status.IsInitContainer != init || status.ExitCode is not int exitCode)
            {
                continue;
            }

            if (requirement.ContainerName is not null && requirement.ContainerName != status.Name)
            {
                continue;
            }

            if (exitCode != 0 && OperatorMatches(exitCode, requirement))
            {
                return status;
            }
        }

        return null;
    }

    private static bool OperatorMatches(int exitCode, PodFailurePolicyOnExitCodes requirement) => requirement.Operator switch
    {
        "In" => requirement.Values.Contains(exitCode),
        "NotIn" => !requirement.Values.Contains(exitCode),
        _ => false,
    };

    private static PodConditionSnapshot? MatchOnPodConditions(PodSnapshot pod, IReadOnlyList<PodConditionPattern> patterns)
    {
        foreach (PodConditionSnapshot condition in pod.Conditions)
        {
            foreach (PodConditionPattern pattern in patterns)
            {
                if (condition.Type == pattern.Type && condition.Status == pattern.Status)
                {
                    return condition;
                }
            }
        }

        return null;
    }
}

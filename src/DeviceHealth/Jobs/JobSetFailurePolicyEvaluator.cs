using System.Text.RegularExpressions;

namespace DeviceHealth.Jobs;

/// <summary>
/// Evaluates a JobSet failure policy for a failed child Job: the first rule whose reasons (if any) contain the Job's
/// failure reason and whose message patterns (if any) match its message wins; with no match the JobSet restarts. A
/// counted restart when <c>maxRestarts</c> is spent fails the JobSet.
/// </summary>
public static class JobSetFailurePolicyEvaluator
{
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Decides what to do.</summary>
    /// <param name="policy">The policy (null: restart, counted, with no limit but the default of 0 restarts).</param>
    /// <param name="jobFailureReason">The child Job's failure condition reason, for example <c>PodFailurePolicy</c>.</param>
    /// <param name="jobFailureMessage">The child Job's failure message.</param>
    /// <param name="restarts">Counted restarts so far.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="DeviceHealthException">A message pattern is not a valid regular expression.</exception>
    public static JobSetDecision Evaluate(JobSetFailurePolicy? policy, string jobFailureReason, string jobFailureMessage, int restarts)
    {
        ArgumentNullException.ThrowIfNull(jobFailureReason);
        ArgumentNullException.ThrowIfNull(jobFailureMessage);
        if (policy is null)
        {
            // Without a failure policy a JobSet fails when any child Job fails.
            return new JobSetDecision(JobSetFailureAction.FailJobSet, null, false, restarts);
        }

        foreach (JobSetFailurePolicyRule rule in policy.Rules)
        {
            if (Matches(rule, jobFailureReason, jobFailureMessage))
            {
                return Decide(rule.Action, rule.Name, policy.MaxRestarts, restarts);
            }
        }

        return Decide(JobSetFailureAction.RestartJobSet, null, policy.MaxRestarts, restarts);
    }

    private static JobSetDecision Decide(JobSetFailureAction action, string? rule, int maxRestarts, int restarts)
    {
        bool counted = action is JobSetFailureAction.RestartJobSet or JobSetFailureAction.RestartJob;
        if (counted && restarts >= maxRestarts)
        {
            return new JobSetDecision(JobSetFailureAction.FailJobSet, rule, false, restarts);
        }

        return new JobSetDecision(action, rule, counted, counted ? restarts + 1 : restarts);
    }

    private static bool Matches(JobSetFailurePolicyRule rule, string reason, string message)
    {
        if (rule.OnJobFailureReasons.Count > 0 && !rule.OnJobFailureReasons.Contains(reason))
        {
            return false;
        }

        if (rule.OnJobFailureMessagePatterns.Count == 0)
        {
            return true;
        }

        foreach (string pattern in rule.OnJobFailureMessagePatterns)
        {
            try
            {
                if (Regex.IsMatch(message, pattern, RegexOptions.CultureInvariant, s_regexTimeout))
                {
                    return true;
                }
            }
            catch (ArgumentException ex)
            {
                throw new DeviceHealthException($"rule '{rule.Name}': invalid message pattern '{pattern}': {ex.Message}", ex);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return false;
    }
}

using DeviceHealth.Actions;
using DeviceHealth.Inputs;
using DeviceHealth.Jobs;
using DeviceHealth.Signals;

namespace DeviceHealth.Tests.Jobs;

/// <summary>
/// Cases restated from the Job controller's own table test: kubernetes/kubernetes
/// pkg/controller/job/pod_failure_policy_test.go, TestMatchPodFailurePolicy (read at commit 14db660660c8). Each row
/// here names the case it restates; the expected message, countFailed and action are the ones that test asserts.
/// </summary>
public class PodFailurePolicyEvaluatorTests
{
    private static ContainerStatusSnapshot Exited(string name, int code, bool init = false) =>
        new() { Name = name, ExitCode = code, IsInitContainer = init };

    private static PodSnapshot Failed(IReadOnlyList<ContainerStatusSnapshot>? containers = null, params PodConditionSnapshot[] conditions) => new()
    {
        Namespace = "default",
        Name = "mypod",
        Uid = "u1",
        Phase = PodPhase.Failed,
        ContainerStatuses = containers ?? [],
        Conditions = conditions,
    };

    private static PodFailurePolicyRule Codes(string action, string op, params int[] values) =>
        new(action, new PodFailurePolicyOnExitCodes(null, op, values));

    private static PodFailurePolicyRule Conditions(string action, ConditionStatus status = ConditionStatus.True) =>
        new(action, OnPodConditions: [new PodConditionPattern("DisruptionTarget", status)]);

    private static readonly PodConditionSnapshot s_disruptionTrue = new("DisruptionTarget", ConditionStatus.True, "");

    public static TheoryData<string, PodFailurePolicy?, PodSnapshot, PodFailurePolicyAction?, bool, string?> Cases() => new()
    {
        {
            "unknown action for rule matching by exit codes - skip rule with unknown action",
            new PodFailurePolicy([Codes("UnknownAction", "In", 1, 2), Codes("FailJob", "In", 2, 3)]),
            Failed([Exited("main-container", 2)]),
            PodFailurePolicyAction.FailJob, true,
            "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1"
        },
        {
            "unknown action for rule matching by pod conditions - skip rule with unknown action",
            new PodFailurePolicy([Conditions("UnkonwnAction"), Conditions("Ignore")]),
            Failed(null, s_disruptionTrue),
            PodFailurePolicyAction.Ignore, false, null
        },
        {
            "unknown operator - rule with unknown action is skipped for onExitCodes",
            new PodFailurePolicy([Codes("Ignore", "UnknownOperator", 1, 2), Codes("FailJob", "In", 2, 3)]),
            Failed([Exited("main-container", 2)]),
            PodFailurePolicyAction.FailJob, true,
            "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1"
        },
        { "no policy rules", null, Failed([Exited("", 2)]), null, true, null },
        {
            "ignore rule matched for exit codes",
            new PodFailurePolicy([Codes("Ignore", "In", 1, 2, 3)]), Failed([Exited("", 2)]),
            PodFailurePolicyAction.Ignore, false, null
        },
        {
            "ignore rule matched on negative exit codes - needed for Windows support",
            new PodFailurePolicy([Codes("Ignore", "In", -1073741676, -1073741510)]), Failed([Exited("", -1073741510)]),
            PodFailurePolicyAction.Ignore, false, null
        },
        {
            "FailJob rule matched for exit codes",
            new PodFailurePolicy([Codes("FailJob", "In", 1, 2, 3)]), Failed([Exited("main-container", 2)]),
            PodFailurePolicyAction.FailJob, true,
            "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 0"
        },
        {
            "successful containers are skipped by the rules",
            new PodFailurePolicy([Codes("FailJob", "NotIn", 111)]),
            Failed([Exited("init-container", 0, init: true), Exited("main-container", 111), Exited("suppport-container", 0)]),
            null, true, null
        },
        {
            "FailIndex rule matched for exit codes",
            new PodFailurePolicy([Codes("FailIndex", "In", 1, 2, 3)]), Failed([Exited("", 2)]),
            PodFailurePolicyAction.FailIndex, true, null
        },
        {
            "pod failure policy with NotIn operator and value 0",
            new PodFailurePolicy([Codes("FailJob", "NotIn", 0)]),
            Failed([Exited("main-container", 1), Exited("suppport-container", 0)]),
            PodFailurePolicyAction.FailJob, true,
            "Container main-container for pod default/mypod failed with exit code 1 matching FailJob rule at index 0"
        },
        {
            "second jobfail rule matched for exit codes",
            new PodFailurePolicy([Codes("Count", "In", 1, 2, 3), Codes("FailJob", "In", 4, 5, 6)]),
            Failed([Exited("main-container", 6)]),
            PodFailurePolicyAction.FailJob, true,
            "Container main-container for pod default/mypod failed with exit code 6 matching FailJob rule at index 1"
        },
        {
            "count rule matched for exit codes",
            new PodFailurePolicy([Codes("Count", "In", 1, 2, 3)]),
            Failed([new ContainerStatusSnapshot { Name = "foo" }, Exited("bar", 2)]),
            PodFailurePolicyAction.Count, true, null
        },
        {
            "FailIndex rule matched for pod conditions",
            new PodFailurePolicy([Conditions("FailIndex")]), Failed(null, s_disruptionTrue),
            PodFailurePolicyAction.FailIndex, true, null
        },
        {
            "ignore rule matched for pod conditions",
            new PodFailurePolicy([Conditions("Ignore")]), Failed(null, s_disruptionTrue),
            PodFailurePolicyAction.Ignore, false, null
        },
        {
            "ignore rule matches by the status=False",
            new PodFailurePolicy([Conditions("Ignore", ConditionStatus.False)]),
            Failed(null, new PodConditionSnapshot("DisruptionTarget", ConditionStatus.False, "")),
            PodFailurePolicyAction.Ignore, false, null
        },
        {
            "ignore rule matches by the status=Unknown",
            new PodFailurePolicy([Conditions("Ignore", ConditionStatus.Unknown)]),
            Failed(null, new PodConditionSnapshot("DisruptionTarget", ConditionStatus.Unknown, "")),
            PodFailurePolicyAction.Ignore, false, null
        },
        {
            "ignore rule does not match when status for pattern is False, but actual True",
            new PodFailurePolicy([Conditions("Ignore", ConditionStatus.False)]), Failed(null, s_disruptionTrue),
            null, true, null
        },
        {
            "ignore rule does not match when status for pattern is True, but actual False",
            new PodFailurePolicy([Conditions("Ignore")]),
            Failed(null, new PodConditionSnapshot("DisruptionTarget", ConditionStatus.False, "")),
            null, true, null
        },
        {
            "job fail rule matched for pod conditions",
            new PodFailurePolicy([Conditions("FailJob")]), Failed(null, s_disruptionTrue),
            PodFailurePolicyAction.FailJob, true, "Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0"
        },
        {
            "count rule matched for pod conditions",
            new PodFailurePolicy([Conditions("Count")]), Failed(null, s_disruptionTrue),
            PodFailurePolicyAction.Count, true, null
        },
        {
            "no rule matched",
            new PodFailurePolicy([
                Codes("Count", "NotIn", 8),
                Codes("Ignore", "In", 1, 2, 3),
                Codes("FailJob", "NotIn", 5, 6, 7),
                new PodFailurePolicyRule("Count", OnPodConditions: [new PodConditionPattern("ResourceLimitExceeded")]),
                Conditions("Ignore"),
            ]),
            Failed([Exited("", 32)]),
            PodFailurePolicyAction.Count, true, null
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_KubernetesControllerCase_MatchesUpstreamExpectation(
        string name, PodFailurePolicy? policy, PodSnapshot pod, PodFailurePolicyAction? action, bool countFailed, string? message)
    {
        PodFailurePolicyResult result = PodFailurePolicyEvaluator.Evaluate(policy, pod);

        Assert.True(action == result.Action, $"{name}: action {result.Action}");
        Assert.Equal(countFailed, result.CountFailed);
        Assert.Equal(message, result.JobFailureMessage);
    }

    [Fact]
    public void Evaluate_NamedRule_ReturnsRuleName()
    {
        // Restates "expected matching rule returned" (rule names, KEP-4443).
        PodFailurePolicy policy = new([
            new PodFailurePolicyRule("FailJob", OnPodConditions: [new PodConditionPattern("MaxFailedIndexesExceeded")], Name: "0"),
            new PodFailurePolicyRule("Ignore", OnPodConditions: [new PodConditionPattern("DisruptionTarget")], Name: "HostMaintenanceRule"),
        ]);

        PodFailurePolicyResult result = PodFailurePolicyEvaluator.Evaluate(policy, Failed(null, s_disruptionTrue));

        Assert.Equal((PodFailurePolicyAction.Ignore, false, "HostMaintenanceRule"), (result.Action!.Value, result.CountFailed, result.RuleName));
    }

    [Fact]
    public void Evaluate_ContainerNameFilter_MatchesOnlyNamedContainerIncludingInit()
    {
        PodFailurePolicy policy = new([new PodFailurePolicyRule("Ignore", new PodFailurePolicyOnExitCodes("setup", "In", [42]))]);

        Assert.Null(PodFailurePolicyEvaluator.Evaluate(policy, Failed([Exited("worker", 42)])).Action);
        Assert.Equal(PodFailurePolicyAction.Ignore, PodFailurePolicyEvaluator.Evaluate(policy, Failed([Exited("setup", 42, init: true)])).Action);
    }

    [Fact]
    public void Evaluate_AppContainersBeforeInitContainers()
    {
        PodFailurePolicy policy = new([new PodFailurePolicyRule("FailJob", new PodFailurePolicyOnExitCodes(null, "In", [3, 4]))]);

        PodFailurePolicyResult r = PodFailurePolicyEvaluator.Evaluate(policy, Failed([Exited("init", 3, init: true), Exited("main", 4)]));

        Assert.Contains("Container main ", r.JobFailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SharedJobYaml_DeviceExitCodeIgnoredAndBugFailsIndex()
    {
        PodFailurePolicy policy = KubernetesJson.ReadPodFailurePolicy(
            TestFiles.YamlToJson(TestFiles.Text("k8s", "job-podfailurepolicy-device-exitcode.yaml")))!;

        Assert.Equal(4, policy.Rules.Count);
        Assert.Empty(PodFailurePolicyEvaluator.Validate(policy));
        Assert.Equal((PodFailurePolicyAction?)PodFailurePolicyAction.Ignore, PodFailurePolicyEvaluator.Evaluate(policy, Failed(null, s_disruptionTrue)).Action);
        Assert.Equal((PodFailurePolicyAction?)PodFailurePolicyAction.Ignore, PodFailurePolicyEvaluator.Evaluate(policy, Failed([Exited("worker", 42)])).Action);
        Assert.Equal((PodFailurePolicyAction?)PodFailurePolicyAction.FailIndex, PodFailurePolicyEvaluator.Evaluate(policy, Failed([Exited("worker", 3)])).Action);
        Assert.Equal((PodFailurePolicyAction?)PodFailurePolicyAction.Count, PodFailurePolicyEvaluator.Evaluate(policy, Failed([Exited("worker", 1)])).Action);
        // Exit 42 in a differently named container is not the device code: the NotIn [0] rule counts it.
        Assert.Equal((PodFailurePolicyAction?)PodFailurePolicyAction.Count, PodFailurePolicyEvaluator.Evaluate(policy, Failed([Exited("sidecar", 42)])).Action);
    }

    [Fact]
    public void Validate_BadPolicy_ListsEveryProblem()
    {
        PodFailurePolicy policy = new([
            new PodFailurePolicyRule("Ignore", new PodFailurePolicyOnExitCodes(null, "In", [0, 1, 1])),
            new PodFailurePolicyRule("Ignore"),
            new PodFailurePolicyRule("Count", new PodFailurePolicyOnExitCodes(null, "Between", [])),
        ]);

        IReadOnlyList<string> problems = PodFailurePolicyEvaluator.Validate(policy);

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("rules[0]", StringComparison.Ordinal) && p.Contains("0 is not allowed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("rules[1]", StringComparison.Ordinal));
    }
}

public class JobSetFailurePolicyEvaluatorTests
{
    private static readonly JobSetFailurePolicy s_policy = new(20, JobSetRestartStrategy.BlockingRecreate, [
        new JobSetFailurePolicyRule("hostFailureIgnoresBudget", JobSetFailureAction.RestartJobSetAndIgnoreMaxRestarts, ["PodFailurePolicy"], [".*DisruptionTarget.*"]),
        new JobSetFailurePolicyRule("userBug", JobSetFailureAction.FailJobSet, ["PodFailurePolicy"], [".*exit code 3.*"]),
    ]);

    [Fact]
    public void Evaluate_DisruptionMessage_RestartsWithoutCounting()
    {
        JobSetDecision d = JobSetFailurePolicyEvaluator.Evaluate(s_policy, "PodFailurePolicy",
            "Pod default/w-0 has condition DisruptionTarget matching FailJob rule at index 0", restarts: 20);

        Assert.Equal(new JobSetDecision(JobSetFailureAction.RestartJobSetAndIgnoreMaxRestarts, "hostFailureIgnoresBudget", false, 20), d);
    }

    [Fact]
    public void Evaluate_UserBug_FailsJobSet()
    {
        JobSetDecision d = JobSetFailurePolicyEvaluator.Evaluate(s_policy, "PodFailurePolicy",
            "Container trainer for pod default/w-0 failed with exit code 3 matching FailJob rule at index 1", 0);

        Assert.Equal(JobSetFailureAction.FailJobSet, d.Action);
        Assert.Equal("userBug", d.RuleName);
    }

    [Fact]
    public void Evaluate_NoMatch_RestartsCountedUntilBudgetSpent()
    {
        Assert.Equal(new JobSetDecision(JobSetFailureAction.RestartJobSet, null, true, 20),
            JobSetFailurePolicyEvaluator.Evaluate(s_policy, "BackoffLimitExceeded", "", 19));
        Assert.Equal(JobSetFailureAction.FailJobSet, JobSetFailurePolicyEvaluator.Evaluate(s_policy, "BackoffLimitExceeded", "", 20).Action);
    }

    [Fact]
    public void Evaluate_ReasonMismatch_SkipsRule()
    {
        JobSetDecision d = JobSetFailurePolicyEvaluator.Evaluate(s_policy, "DeadlineExceeded", "exit code 3", 0);

        Assert.Equal(JobSetFailureAction.RestartJobSet, d.Action);
    }

    [Fact]
    public void Evaluate_InvalidPattern_ThrowsNamingRule()
    {
        JobSetFailurePolicy bad = new(1, JobSetRestartStrategy.Recreate, [new JobSetFailurePolicyRule("r", JobSetFailureAction.FailJobSet, [], ["("])]);

        DeviceHealthException ex = Assert.Throws<DeviceHealthException>(() => JobSetFailurePolicyEvaluator.Evaluate(bad, "x", "y", 0));

        Assert.Contains("'r'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadJobSetFailurePolicy_SharedYaml_EvaluatesRules()
    {
        JobSetFailurePolicy policy = KubernetesJson.ReadJobSetFailurePolicy(
            TestFiles.YamlToJson(TestFiles.Text("k8s", "jobset-failurepolicy.yaml")))!;

        Assert.Equal((20, JobSetRestartStrategy.BlockingRecreate, 2), (policy.MaxRestarts, policy.RestartStrategy, policy.Rules.Count));
        Assert.Equal("hostFailureIgnoresBudget", JobSetFailurePolicyEvaluator.Evaluate(policy, "PodFailurePolicy",
            "Pod p/w-0 has condition DisruptionTarget matching FailJob rule at index 0", 3).RuleName);
    }

    [Fact]
    public void ReadJobSetFailurePolicy_UnknownAction_ThrowsWithPath()
    {
        DeviceHealthException ex = Assert.Throws<DeviceHealthException>(() => KubernetesJson.ReadJobSetFailurePolicy(
            """{"spec":{"failurePolicy":{"rules":[{"name":"x","action":"Explode"}]}}}"""u8.ToArray()));

        Assert.Contains("rules[0].action", ex.Message, StringComparison.Ordinal);
    }
}

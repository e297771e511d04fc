using DeviceHealth.Configuration;
using DeviceHealth.Degradation;
using DeviceHealth.Signals;

namespace DeviceHealth.Tests.Degradation;

public class DegradationDetectorTests
{
    private static IReadOnlyList<StepSample> Load(string file, string metric = "compute_s")
    {
        List<Diagnostic> diagnostics = [];
        IReadOnlyList<StepSample> samples = StepTimesCsv.Read(new StringReader(TestFiles.Text("stragglers", file)), metric, diagnostics);
        Assert.Empty(diagnostics);
        return samples;
    }

    [Fact]
    public void Analyze_IndividualSlowdownTrace_FlagsOnlyRankZero()
    {
        IReadOnlyList<StepSample> samples = Load("bytedance_whatif_AR_individual_worker_slowdown.steptimes.csv");
        Assert.Equal(704, samples.Count);

        DetectorReport report = DegradationDetector.Analyze(samples);

        Assert.Equal([0], report.FlaggedRanks);
        Assert.Equal(44, report.Steps);
        // Rank 0's median compute is ~45.3 s against its stage peers' ~19.2-19.3 s: a ratio of about 2.35.
        Assert.InRange(report.Ranks.Single(r => r.Rank == 0).MaxRatio, 2.2, 2.5);
        Assert.All(report.Ranks.Where(r => r.Rank != 0), r => Assert.Equal(RankPhase.Normal, r.FinalPhase));
        Assert.DoesNotContain(report.Transitions, t => t.Rank != 0 && t.To is RankPhase.Suspect or RankPhase.Confirmed);
    }

    [Fact]
    public void Analyze_IndividualSlowdownTrace_ConfirmsWithinFewWindows()
    {
        DetectorReport report = DegradationDetector.Analyze(Load("bytedance_whatif_AR_individual_worker_slowdown.steptimes.csv"));

        RankTransition confirm = report.Transitions.First(t => t.Rank == 0 && t.To == RankPhase.Confirmed);
        long firstStep = report.Transitions.Min(t => t.Step);
        // Warm-up 3 samples, 3 slow windows to enter, dwell 2: confirmed by the 8th step.
        Assert.True(confirm.Step - firstStep <= 8, $"confirmed at step {confirm.Step}, first step {firstStep}");
    }

    [Fact]
    public void Analyze_StageImbalanceTrace_RoleScoped_FlagsNobody()
    {
        IReadOnlyList<StepSample> samples = Load("bytedance_whatif_ST_stage_partition_imbalance.steptimes.csv");
        Assert.Equal(256, samples.Count);

        DetectorReport report = DegradationDetector.Analyze(samples);

        Assert.Empty(report.FlaggedRanks);
        Assert.DoesNotContain(report.Transitions, t => t.To is RankPhase.Suspect or RankPhase.Confirmed);
    }

    [Fact]
    public void Analyze_StageImbalanceTrace_GlobalRole_WouldFlagLastStage()
    {
        // The negative control: with one global role the slower last stage (1.38 s vs 0.85 s) looks like stragglers.
        IReadOnlyList<StepSample> global = [.. Load("bytedance_whatif_ST_stage_partition_imbalance.steptimes.csv").Select(s => s with { RoleKey = "all" })];

        DetectorReport report = DegradationDetector.Analyze(global);

        Assert.Equal([6, 7], report.FlaggedRanks);
    }

    [Fact]
    public void Analyze_StepSpanMetric_NobodyOnAr()
    {
        // Every rank waits for the slowest in each step, so the span is the same for all: nothing to flag.
        DetectorReport report = DegradationDetector.Analyze(Load("bytedance_whatif_AR_individual_worker_slowdown.steptimes.csv", "step_span_s"));

        Assert.Empty(report.FlaggedRanks);
    }

    [Fact]
    public void ObserveStep_SpecialAndBadSamples_AreSkipped()
    {
        DegradationDetector d = new();

        d.ObserveStep([
            new StepSample(0, "a", 1, 1.0, IsSpecial: true),
            new StepSample(1, "a", 1, double.NaN),
            new StepSample(2, "a", 1, -1),
            new StepSample(3, "b", 1, 1.0),
        ]);

        Assert.Equal(4, d.SkippedSamples);
    }

    [Fact]
    public void ObserveStep_RequireSecondSignal_ConfirmsOnlyAfterReport()
    {
        DegradationDetector d = new(new DegradationOptions { RequireSecondSignal = true });
        for (int step = 0; step < 20; step++)
        {
            d.ObserveStep([new StepSample(0, "a", step, 2.0), new StepSample(1, "a", step, 1.0), new StepSample(2, "a", step, 1.0)]);
        }

        Assert.Equal(RankPhase.Suspect, d.GetState(0).Phase);
        d.ReportSecondSignal(0, agrees: true);
        d.ObserveStep([new StepSample(0, "a", 20, 2.0), new StepSample(1, "a", 20, 1.0), new StepSample(2, "a", 20, 1.0)]);
        Assert.Equal([0], d.ConfirmedRanks);
    }

    [Fact]
    public void ObserveStep_RecoveredRank_ReturnsToNormalThroughHysteresis()
    {
        DegradationDetector d = new();
        int step = 0;
        for (; step < 15; step++)
        {
            d.ObserveStep([new StepSample(0, "a", step, 1.5), new StepSample(1, "a", step, 1.0), new StepSample(2, "a", step, 1.0)]);
        }

        Assert.Equal(RankPhase.Confirmed, d.GetState(0).Phase);
        for (; step < 40; step++)
        {
            d.ObserveStep([new StepSample(0, "a", step, 1.0), new StepSample(1, "a", step, 1.0), new StepSample(2, "a", step, 1.0)]);
        }

        Assert.Equal(RankPhase.Normal, d.GetState(0).Phase);
    }

    [Fact]
    public void Read_MissingColumn_ThrowsWithLine()
    {
        DeviceHealthException ex = Assert.Throws<DeviceHealthException>(() =>
            StepTimesCsv.Read(new StringReader("rank,step\n0,1\n"), "compute_s", new List<Diagnostic>()));

        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Read_BadRows_AreReported()
    {
        List<Diagnostic> diagnostics = [];
        IReadOnlyList<StepSample> samples = StepTimesCsv.Read(
            new StringReader("rank,pp_stage,step,compute_s\n0,0,1,1.5\nx,0,1,1\n1,0,1,-2\n2,0\n"), "compute_s", diagnostics);

        Assert.Single(samples);
        Assert.Equal([3, 4, 5], diagnostics.Select(d => d.Line));
    }

    [Fact]
    public void Read_NegativeRankOrStep_IsReportedNotSampled()
    {
        // Ranks and steps count from 0; "-3" used to become a sample of rank -3.
        List<Diagnostic> diagnostics = [];
        IReadOnlyList<StepSample> samples = StepTimesCsv.Read(
            new StringReader("rank,pp_stage,step,compute_s\n0,0,1,1.5\n-3,0,1,1.5\n1,0,-1,1.5\n"), "compute_s", diagnostics);

        Assert.Equal(0, Assert.Single(samples).Rank);
        Assert.Equal([3, 4], diagnostics.Select(d => d.Line));
        Assert.Equal("expected non-negative integer rank and step, found '-3' and '1'", diagnostics[0].Message);
    }
}

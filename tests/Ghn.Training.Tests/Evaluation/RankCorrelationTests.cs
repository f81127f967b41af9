using Ghn.Training.Evaluation;

namespace Ghn.Training.Tests.Evaluation;

public sealed class RankCorrelationTests
{
    [Fact]
    public void The_same_order_is_one_the_reverse_minus_one()
    {
        double[] x = [0.1, 0.4, 0.3, 0.9];
        Assert.Equal(1.0, RankCorrelation.KendallTau(x, [1, 3, 2, 4]), 12);
        Assert.Equal(-1.0, RankCorrelation.KendallTau(x, [4, 2, 3, 1]), 12);
        Assert.Equal(1.0, RankCorrelation.SpearmanRho(x, [10, 30, 20, 40]), 12);
        Assert.Equal(-1.0, RankCorrelation.SpearmanRho(x, [4, 2, 3, 1]), 12);
    }

    [Fact]
    public void Ties_and_a_mixed_order_give_the_textbook_values()
    {
        // x = 1..5, y = 1, 3, 2, 5, 4: 8 concordant and 2 discordant pairs, τ = 0.6; Σd² = 4, ρ = 1 − 6·4/120 = 0.8.
        double[] x = [1, 2, 3, 4, 5];
        Assert.Equal(0.6, RankCorrelation.KendallTau(x, [1, 3, 2, 5, 4]), 12);
        Assert.Equal(0.8, RankCorrelation.SpearmanRho(x, [1, 3, 2, 5, 4]), 12);
        // τ-b with a tie in y: (C − D) / sqrt((C + D + Tx)(C + D + Ty)) with C = 5, D = 0, Tx = 0, Ty = 1.
        Assert.Equal(5 / Math.Sqrt(5 * 6.0), RankCorrelation.KendallTau([1, 2, 3, 4], [1, 2, 2, 3]), 12);
        Assert.True(double.IsNaN(RankCorrelation.KendallTau([1, 2, 3], [5, 5, 5])));
    }

    [Fact]
    public void Scores_of_different_items_are_refused() =>
        Assert.Throws<ArgumentException>(() => RankCorrelation.SpearmanRho([1, 2], [1, 2, 3]));
}

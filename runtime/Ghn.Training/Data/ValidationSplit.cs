namespace Ghn.Training.Data;

/// <summary>A training set and the validation set held out of it.</summary>
/// <param name="Train">The images left for training.</param>
/// <param name="Validation">The held-out images.</param>
public sealed record ValidationSplit(ImageSet Train, ImageSet Validation)
{
    /// <summary>
    /// Holds out a fixed, class-stratified fraction of <paramref name="images"/>: the same seed always selects
    /// the same images, so validation figures from different runs are comparable.
    /// </summary>
    /// <param name="images">The full training set.</param>
    /// <param name="validationFraction">The fraction of every class to hold out, in (0, 1).</param>
    /// <param name="seed">Selects the held-out images.</param>
    public static ValidationSplit Create(ImageSet images, double validationFraction, int seed)
    {
        if (validationFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must lie strictly between 0 and 1.");
        }

        var train = new List<int>();
        var validation = new List<int>();
        foreach (var indices in images.StratifiedPermutation(seed))
        {
            var held = (int)Math.Round(indices.Length * validationFraction);
            validation.AddRange(indices.Take(held));
            train.AddRange(indices.Skip(held));
        }

        train.Sort();
        validation.Sort();
        return new ValidationSplit(images.Select(train), images.Select(validation));
    }
}

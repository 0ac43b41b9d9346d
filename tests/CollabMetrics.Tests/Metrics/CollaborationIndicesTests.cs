using CollabMetrics.Metrics;

namespace CollabMetrics.Tests.Metrics;

public class CollaborationIndicesTests
{
    [Theory]
    [InlineData("partner_share", CollaborationIndex.PartnerShare)]
    [InlineData("output_share", CollaborationIndex.OutputShare)]
    [InlineData("link_share", CollaborationIndex.LinkShare)]
    [InlineData("salton", CollaborationIndex.Salton)]
    [InlineData("jaccard", CollaborationIndex.Jaccard)]
    [InlineData("dice", CollaborationIndex.Dice)]
    [InlineData("inclusion", CollaborationIndex.Inclusion)]
    [InlineData("equivalence", CollaborationIndex.Equivalence)]
    [InlineData("association_strength", CollaborationIndex.AssociationStrength)]
    [InlineData("configuration_association", CollaborationIndex.ConfigurationAssociation)]
    [InlineData("ric", CollaborationIndex.Ric)]
    [InlineData("luukkonen_ri", CollaborationIndex.LuukkonenRI)]
    [InlineData("nsf_ici", CollaborationIndex.NsfIci)]
    [InlineData("nature_index_cs", CollaborationIndex.NatureIndexCS)]
    public void ParseAndToName_SnakeCaseName_RoundTrips(string name, CollaborationIndex index)
    {
        CollaborationIndices.Parse(name).Should().Be(index);
        index.ToName().Should().Be(name);
    }

    [Theory]
    [InlineData("PartnerShare", CollaborationIndex.PartnerShare)]
    [InlineData("NATURE-INDEX-CS", CollaborationIndex.NatureIndexCS)]
    [InlineData(" luukkonen ri ", CollaborationIndex.LuukkonenRI)]
    public void Parse_OtherSpellings_Accepted(string name, CollaborationIndex index)
    {
        CollaborationIndices.Parse(name).Should().Be(index);
    }

    [Theory]
    [InlineData("")]
    [InlineData("intensity")]
    [InlineData("partner_shares")]
    public void Parse_UnknownName_ThrowsListingValidNames(string name)
    {
        var act = () => CollaborationIndices.Parse(name);

        act.Should().Throw<FormatException>().WithMessage("*partner_share*nature_index_cs*");
        CollaborationIndices.TryParse(name, out _).Should().BeFalse();
    }

    [Fact]
    public void All_EveryEnumValueOnceInOrder_NamesAligned()
    {
        CollaborationIndices.All.Should().Equal(Enum.GetValues<CollaborationIndex>());
        CollaborationIndices.AllNames.Should().Equal(CollaborationIndices.All.Select(i => i.ToName()));
        CollaborationIndices.AllNames.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void ToName_UndefinedValue_Throws()
    {
        var act = () => ((CollaborationIndex)99).ToName();

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}

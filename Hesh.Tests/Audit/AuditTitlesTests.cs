using Hesh.Core.Audit;

namespace Hesh.Tests.Audit;

public sealed class AuditTitlesTests
{
    public static TheoryData<AuditAction> Actions() => new(Enum.GetValues<AuditAction>());

    [Theory]
    [MemberData(nameof(Actions))]
    public void EveryAuditAction_HasAReadableTitle_NotItsCodeName(AuditAction action)
    {
        var title = action.Title();

        Assert.NotEqual(action.ToString(), title);
        Assert.Contains(' ', title);
    }
}

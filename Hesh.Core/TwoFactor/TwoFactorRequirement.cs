using Hesh.Core.Companies;

namespace Hesh.Core.TwoFactor;

public enum RequirementState
{
    /// <summary>The company does not ask this person for a second factor.</summary>
    NotRequired,
    /// <summary>Asked, and the person has one (an authenticator app or a passkey).</summary>
    Satisfied,
    /// <summary>Asked, not set up, and the grace period runs: sent to set it up at each sign-in, allowed to go on.</summary>
    InGrace,
    /// <summary>Asked, not set up, grace over: the person can sign in only to set it up.</summary>
    Overdue,
}

/// <summary>What the company's policy asks of one person right now.</summary>
public sealed record TwoFactorRequirement(RequirementState State, DateTime? Deadline = null, int DaysLeft = 0)
{
    public static readonly TwoFactorRequirement NotRequired = new(RequirementState.NotRequired);

    public bool MustSetUp => State is RequirementState.InGrace or RequirementState.Overdue;

    /// <summary>"3 days left", "less than a day left" — for the set-up page and the notices.</summary>
    public string DaysLeftText => DaysLeft switch
    {
        <= 0 => Messages.Say("less than a day left"),
        _ => Messages.Count(DaysLeft, "{0} day left", "{0} days left"),
    };

    /// <summary>Does the policy cover this person? The owner is an administrator for this purpose.</summary>
    public static bool Covers(TwoFactorPolicy policy, bool isAdmin, bool isOwner) => policy switch
    {
        TwoFactorPolicy.RequiredForEveryone => true,
        TwoFactorPolicy.RequiredForAdministrators => isAdmin || isOwner,
        _ => false,
    };

    /// <summary>
    /// The grace period runs from when the company turned the requirement on; days left are counted up (2 h left is
    /// "1 day left" until the moment it ends), so the page never says 0 days while it still lets the person in.
    /// </summary>
    public static TwoFactorRequirement Of(TwoFactorPolicy policy, DateTime? requiredSince, int graceDays,
        bool isAdmin, bool isOwner, bool hasSecondFactor, DateTime now)
    {
        if (!Covers(policy, isAdmin, isOwner))
        {
            return NotRequired;
        }
        if (hasSecondFactor)
        {
            return new TwoFactorRequirement(RequirementState.Satisfied);
        }
        var deadline = (requiredSince ?? now).AddDays(Math.Max(0, graceDays));
        if (now >= deadline)
        {
            return new TwoFactorRequirement(RequirementState.Overdue, deadline);
        }
        var daysLeft = (int)Math.Ceiling((deadline - now).TotalDays);
        return new TwoFactorRequirement(RequirementState.InGrace, deadline, daysLeft);
    }

    public static TwoFactorRequirement Of(Company company, bool isAdmin, bool isOwner, bool hasSecondFactor, DateTime now) =>
        Of(company.TwoFactorPolicy, company.TwoFactorRequiredSince, company.TwoFactorGraceDays, isAdmin, isOwner, hasSecondFactor, now);
}

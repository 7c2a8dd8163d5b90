using Hesh.Core.Common;
using Hesh.Core.Preferences;
using Hesh.Tests.Infrastructure;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// Crafted calls of the Preferences section and the Company profile's language and time zone, as a tampered circuit
/// would send them: codes and zones Hesh does not know, 100,000-character values, a theme out of range, another
/// person's or another company's account, no actor, no "Company profile". Each is refused with a message and the
/// attacked companies' fingerprints are unchanged.
/// </summary>
public sealed class PreferenceAttacks(AppHost host)
{
    private static readonly string Huge = new('a', 100_000);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (Tenant Victim, Tenant Attacker)? _world;

    private async Task<(Tenant Victim, Tenant Attacker)> WorldAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _world ??= (await Tenant.CreateAsync(host), await Tenant.CreateAsync(host));
        }
        finally
        {
            Gate.Release();
        }
    }

    private static Task<Result> Mine(AppHost h, string actor, string user, string? language, string? zone, Theme theme = Theme.Dark) =>
        h.Call<PreferenceService, Result>(s => s.SetMineAsync(actor, user, new PersonalPreferences(language, zone, theme)));

    private static Task<Result> Company(AppHost h, string actor, string? language, string? zone) =>
        h.Call<PreferenceService, Result>(s => s.SetCompanyAsync(actor, new CompanyPreferences(language, zone!)));

    private static readonly Dictionary<string, Func<AppHost, Tenant, Tenant, Task<Result>>> Attacks = new()
    {
        ["Unknown_language_of_a_person_is_refused"] = (h, v, _) => Mine(h, v.Performer.Id, v.Performer.Id, "de", null),
        ["Unknown_time_zone_of_a_person_is_refused"] = (h, v, _) => Mine(h, v.Performer.Id, v.Performer.Id, null, "Europe/Atlantis"),
        ["Hundred_thousand_character_language_of_a_person_is_refused"] = (h, v, _) => Mine(h, v.Performer.Id, v.Performer.Id, Huge, null),
        ["Hundred_thousand_character_time_zone_of_a_person_is_refused"] = (h, v, _) => Mine(h, v.Performer.Id, v.Performer.Id, null, Huge),
        ["Theme_out_of_range_is_refused"] = (h, v, _) => Mine(h, v.Performer.Id, v.Performer.Id, null, null, (Theme)42),
        ["Another_persons_preferences_cannot_be_changed_by_an_admin"] = (h, v, _) => Mine(h, v.Admin.Id, v.Performer.Id, "uk", "Europe/Kyiv"),
        ["Another_companys_user_cannot_be_changed"] = (h, v, a) => Mine(h, a.OwnerId, v.Performer.Id, "uk", "Europe/Kyiv"),
        ["Preferences_without_a_signed_in_actor_are_refused"] = (h, v, _) => Mine(h, "", v.Performer.Id, "uk", "Europe/Kyiv"),
        ["Inactive_user_cannot_change_even_their_own_preferences"] = (h, v, _) => Mine(h, v.Inactive.Id, v.Inactive.Id, "uk", null),
        ["Pending_user_cannot_change_even_their_own_preferences"] = (h, v, _) => Mine(h, v.Pending.Id, v.Pending.Id, "uk", null),
        ["Unknown_company_language_is_refused"] = (h, v, _) => Company(h, v.OwnerId, "klingon", "Europe/Kyiv"),
        ["Unknown_company_time_zone_is_refused"] = (h, v, _) => Company(h, v.OwnerId, null, "Europe/Atlantis"),
        ["Missing_company_time_zone_is_refused"] = (h, v, _) => Company(h, v.OwnerId, "uk", null),
        ["Hundred_thousand_character_company_language_is_refused"] = (h, v, _) => Company(h, v.OwnerId, Huge, "UTC"),
        ["Hundred_thousand_character_company_time_zone_is_refused"] = (h, v, _) => Company(h, v.OwnerId, null, Huge),
        ["Performer_cannot_change_the_companys_time_zone"] = (h, v, _) => Company(h, v.Performer.Id, null, "Europe/Kyiv"),
        ["Company_time_zone_without_a_signed_in_actor_is_refused"] = (h, v, _) => Company(h, "", null, "Europe/Kyiv"),
        // The attacker's own company is changed only by its own admins: the call acts on the caller's company, never on the victim's.
        ["Another_companys_owner_changes_only_their_own_companys_zone"] = async (h, v, a) =>
        {
            var result = await Company(h, a.OwnerId, null, "Europe/Kyiv");
            Assert.True(result.Succeeded);
            return Result.Fail("Acted on the attacker's own company only.");
        },
    };

    public static IEnumerable<TheoryDataRow<string>> Cases() => Rows(Attacks.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Preference_attack_is_refused_with_a_message_and_changes_nothing(string rule)
    {
        var (victim, attacker) = await WorldAsync();
        var before = await DbFingerprint.TakeAsync(host, victim.Id);

        var result = await Attacks[rule](host, victim, attacker);

        Assert.False(result.Succeeded, $"{rule}: the change went through.");
        Assert.False(string.IsNullOrWhiteSpace(result.Error ?? string.Join(" ", result.FieldErrors.Values)), "A refusal says why.");
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id));
    }
}

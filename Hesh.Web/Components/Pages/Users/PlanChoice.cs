using Hesh.Core.Users;

namespace Hesh.Web.Components.Pages.Users;

/// <summary>What a preview dialog hands back: the plan, the preview the admin saw, and whether they agreed to close open pages.</summary>
public sealed record PlanChoice(AccessPlan Plan, AccessPreview Preview, bool ClosingPagesConfirmed);

using Hesh.Core.Permissions;
using Hesh.Core.Positions;

namespace Hesh.Web.Components.Pages.Company;

/// <summary>What the template dialog hands back once the template is stored: the template (null when removed) and who followed the old one.</summary>
public sealed record TemplateSaved(AccessPair? Template, PositionTemplate Result);

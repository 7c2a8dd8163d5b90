namespace Hesh.Core.Preferences;

/// <summary>The colour scheme a person chose in My profile; System follows the device's light or dark setting.</summary>
public enum Theme
{
    System = 0,
    Light = 1,
    Dark = 2,
}

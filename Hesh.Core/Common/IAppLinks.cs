namespace Hesh.Core.Common;

/// <summary>Builds the absolute links that emails carry. The web host knows its address; Core does not.</summary>
public interface IAppLinks
{
    string Invitation(string userId, string token);
    string PasswordReset(string email, string code);
    string SignIn();
    /// <summary>The user's own Security tab (sessions, sign-in history).</summary>
    string Security(string userId);
    string SignUpConfirmation(string token);
    /// <summary>The Overview, where access requests wait for an answer.</summary>
    string Overview() => SignIn();
}

namespace Hesh.Core.Permissions;

/// <summary>
/// Whose users a holder of "Users permissions" reaches: everyone (All users), or the users placed in one of
/// <see cref="Departments"/> — the holder's own department, with its sub-departments for the wider scope. A user with no
/// department is outside every department scope. Computed from the department tree when the actor is loaded.
/// </summary>
public sealed record UserReach(UserScope Scope, IReadOnlySet<Guid> Departments)
{
    public static UserReach All { get; } = new(UserScope.AllUsers, new HashSet<Guid>());

    public bool IsEveryone => Scope == UserScope.AllUsers;

    public bool Includes(Guid? department) => IsEveryone || department is { } id && Departments.Contains(id);

    /// <param name="childrenOf">The direct sub-departments of a department (the company's tree).</param>
    public static UserReach Of(UserScope scope, Guid? ownDepartment, Func<Guid, IEnumerable<Guid>> childrenOf)
    {
        if (scope == UserScope.AllUsers)
        {
            return All;
        }
        var departments = new HashSet<Guid>();
        if (ownDepartment is { } own)
        {
            var pending = new Stack<Guid>([own]);
            while (pending.TryPop(out var id))
            {
                // Add before descending: a cycle in stored data cannot loop forever.
                if (departments.Add(id) && scope == UserScope.DepartmentAndSubDepartments)
                {
                    foreach (var child in childrenOf(id))
                    {
                        pending.Push(child);
                    }
                }
            }
        }
        return new UserReach(scope, departments);
    }
}

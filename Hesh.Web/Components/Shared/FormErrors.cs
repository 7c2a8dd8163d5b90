using Hesh.Core.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace Hesh.Web.Components.Shared;

/// <summary>Puts a refused command's field messages under the fields of the form that sent it.</summary>
public static class FormErrors
{
    public static void Show(this Result result, EditContext context, ValidationMessageStore store)
    {
        store.Clear();
        foreach (var (field, message) in result.FieldErrors)
        {
            store.Add(context.Field(field), message);
        }
        context.NotifyValidationStateChanged();
    }
}

global using Hesh.Core.Common;
global using Microsoft.EntityFrameworkCore;

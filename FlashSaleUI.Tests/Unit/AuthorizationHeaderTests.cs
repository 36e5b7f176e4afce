using FlashSaleUI.Security;
using Microsoft.AspNetCore.Http;

namespace FlashSaleUI.Tests.Unit;

/// <summary>The one reading of the Authorization header that the member ticket, the operator token and Basic share.</summary>
public class AuthorizationHeaderTests
{
    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer   abc  ", "abc")] // the scheme is case-insensitive; spaces around the credential are not part of it
    [InlineData("Bearer", "")]           // the scheme alone: named, with an empty credential
    [InlineData("Bearerabc", null)]       // another word that merely starts with the scheme's name
    [InlineData("Basic abc", null)]
    [InlineData("", null)]
    public void The_credential_is_what_follows_the_named_scheme(string header, string? credential)
    {
        var request = Request(header);
        Assert.Equal(credential, AuthorizationHeader.Credential(request, AuthorizationHeader.Bearer));
        Assert.Equal(credential ?? "", AuthorizationHeader.CredentialSpan(request, AuthorizationHeader.Bearer).ToString());
        Assert.Equal(credential is not null, AuthorizationHeader.Names(request, AuthorizationHeader.Bearer));
    }

    [Fact]
    public void Basic_and_bearer_are_told_apart()
    {
        var basic = Request("BASIC dXNlcjpwdw==");
        Assert.True(AuthorizationHeader.Names(basic, AuthorizationHeader.Basic));
        Assert.False(AuthorizationHeader.Names(basic, AuthorizationHeader.Bearer));
        Assert.Equal("dXNlcjpwdw==", AuthorizationHeader.Credential(basic, AuthorizationHeader.Basic));
    }

    private static HttpRequest Request(string authorization)
    {
        var http = new DefaultHttpContext();
        if (authorization.Length > 0) http.Request.Headers.Authorization = authorization;
        return http.Request;
    }
}

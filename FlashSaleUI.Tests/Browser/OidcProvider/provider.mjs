// A real OpenID Connect provider for the browser tests (npm oidc-provider, its development sign-in pages): any login
// and password sign in, and the login is the subject. Started by Infrastructure/OidcProviderProcess.cs:
//   node provider.mjs <port> <client_id> <client_secret> <redirect_uri> [groups, comma separated]
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri, groups = ''] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri],
    grant_types: ['authorization_code'], response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post', // what ASP.NET Core's OpenID Connect handler sends
  }],
  pkce: { required: () => true },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, groups: groups ? groups.split(',') : [] }),
  }),
  claims: { openid: ['sub', 'groups'] },
  conformIdTokenClaims: false, // the claims go into the ID token (the app reads no userinfo)
  cookies: { keys: ['flashsale-test-provider'] },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening at ${issuer}`));

// oidc-provider ships no types; the test provider uses a handful of its members.
declare module "oidc-provider" {
  type Ctx = {
    oidc: {
      provider: { Grant: new (init: { clientId: string; accountId: string }) => Grant };
      client?: { clientId: string };
      session?: { accountId?: string };
    };
  };
  type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };
  type Account = { accountId: string; claims(): Promise<Record<string, unknown>> };
  export default class Provider {
    constructor(
      issuer: string,
      configuration: Record<string, unknown> & {
        findAccount?: (ctx: Ctx, id: string) => Promise<Account | undefined>;
        loadExistingGrant?: (ctx: Ctx) => Promise<Grant | undefined>;
      },
    );
    callback(): (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;
  }
}

import type { AppContext } from "../context.js";
import type { ChannelAdapter, OutboundChannel } from "./channel.js";
import { createEmailAdapter } from "./email/email.adapter.js";
import { createFacebookAdapter } from "./facebook/facebook.adapter.js";
import { createPhoneAdapter } from "./phone.adapter.js";
import { createPortalAdapter } from "./portal.adapter.js";
import { createSmsAdapter } from "./sms/sms.adapter.js";
import { createZaloAdapter } from "./zalo/zalo.adapter.js";

export type ChannelAdapters = ReadonlyMap<OutboundChannel, ChannelAdapter>;

/** Every channel of the product; adding one means adding its adapter here (R-CH6). */
export function createChannelAdapters(ctx: AppContext): ChannelAdapters {
  const adapters: ChannelAdapter[] = [
    createPhoneAdapter(),
    createPortalAdapter(),
    createEmailAdapter(ctx),
    createZaloAdapter(ctx),
    createFacebookAdapter(ctx),
    createSmsAdapter(ctx.config),
  ];
  return new Map(adapters.map((a) => [a.channel, a]));
}

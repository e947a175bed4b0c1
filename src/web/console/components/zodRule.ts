import type { FormItemProps } from "antd";
import { type ZodObject, ZodOptional, ZodString, type ZodType, z } from "zod";
import { configureVietnameseMessages } from "../../../shared/zod-messages.js";

// zod's messages in plain Vietnamese, the same wording the server gives (shared/zod-messages.ts).
configureVietnameseMessages();

type Rule = NonNullable<FormItemProps["rules"]>[number];

/** An empty input as the schema sees it: a cleared input or select means "not given". */
const isEmpty = (value: unknown) => value === undefined || value === null || value === "";

/**
 * An antd Form rule that validates one field with its shared zod schema, so a form states no rule
 * of its own: the message is the schema's (Vietnamese). An empty value the schema rejects gets the
 * schema's message for "" when it has one (e.g. "Vui lòng nhập họ và tên"), else `emptyMessage`.
 */
export function zodRule(schema: ZodType, emptyMessage?: string): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? undefined);
      if (result.success) return;
      if (isEmpty(value)) {
        if (emptyMessage !== undefined) throw new Error(emptyMessage);
        const blank = schema.safeParse("")?.error?.issues[0];
        if (blank && blank.code !== "invalid_type") throw new Error(blank.message);
      }
      throw new Error(result.error.issues[0]?.message);
    },
  };
}

/**
 * The rule of an optional text the form sends trimmed, or leaves out when blank: a blank input
 * passes, anything else meets the schema as it will be sent (e.g. «Tối đa 5.000 ký tự»).
 */
export const optionalTextRule = (schema: ZodType): Rule =>
  zodRule(z.preprocess((value) => (typeof value === "string" ? value.trim() || undefined : value), schema));

/**
 * antd's counter for a text schema's limit («12 / 5000», red beyond): it shows the limit coming
 * and, unlike `maxLength`, never cuts a pasted text unseen — the rule then tells it under the field.
 */
export function limitCount(schema: ZodType): { show: boolean; max?: number } {
  const text = schema instanceof ZodOptional ? schema.unwrap() : schema;
  const max = text instanceof ZodString ? (text.maxLength ?? undefined) : undefined;
  return { show: max !== undefined, max };
}

/** Whether the schema rejects a missing value (the form then marks the field as required). */
export const isRequired = (schema: ZodType): boolean => !schema.safeParse(undefined).success;

/** The props of a Form.Item for `name` of an object schema: its rule and required mark. */
export function schemaItem(
  schema: ZodObject,
  name: string,
  emptyMessage?: string,
): Pick<FormItemProps, "name" | "rules" | "required"> {
  const field = schema.shape[name] as ZodType | undefined;
  if (!field) return { name };
  return { name, rules: [zodRule(field, emptyMessage)], required: isRequired(field) };
}

/**
 * Form values → the schema's output. A field the form shows but left empty is sent as null when
 * the schema takes null (clearing a value), else left out; the schema then checks, trims and
 * transforms exactly as the server will.
 */
export function parseForm<S extends ZodObject>(schema: S, values: Record<string, unknown>): z.output<S> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const field = schema.shape[key] as ZodType | undefined;
    if (!field) continue;
    input[key] =
      value === undefined || value === null ? (field.safeParse(null).success ? null : undefined) : value;
  }
  return schema.parse(input);
}

import { Button, Form, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConfirmedHit } from "../../../shared/personal-data.js";
import type { RequestAction } from "../../../shared/request-status.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { type ActionInput, useRequestAction } from "../api/requests.js";
import { useMe } from "../api/session.js";
import { actionDraft, type DialogTexts, textsOf } from "../drafts.js";
import { ActionFields, isDayjs, vnWallClock } from "./ActionForm.js";
import { useAttempt } from "./attempt.js";
import { DraftRestored } from "./FormItems.js";
import { FormModal } from "./FormModal.js";
import { PersonalDataFindings, personalDataFindings } from "./PersonalDataFindings.js";
import { publicationSources } from "./Publication.js";

export interface DialogRequest {
  action: RequestAction;
  initial?: Record<string, unknown>;
}

/** An open dialog: its starting values, and what the tab kept of it typed and not sent (drafts.ts). */
interface OpenDialog {
  action: RequestAction;
  initial: Record<string, unknown>;
  kept: DialogTexts | null;
}

/** Alt+key shortcuts for the operator's common actions (issue 5). */
export const actionShortcuts: Partial<Record<RequestAction, string>> = {
  answer_from_kb: "t",
  forward: "c",
  escalate: "s",
  refuse: "r",
};

/** Form values → the action body; the server validates it against the shared schema. */
function toInput(action: RequestAction, version: number, values: Record<string, unknown>): ActionInput {
  const body: Record<string, unknown> = { version };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue; // no cooperating agency chosen
    body[key] = isDayjs(value) ? vnWallClock(value) : value;
  }
  return { action, body } as ActionInput;
}

function defaults(detail: RequestDetail, action: RequestAction): Record<string, unknown> {
  const lastAnswer = detail.answers.at(-1)?.body;
  if (action === "publish") {
    // Republishing after a takedown starts from what was published (its redactions kept).
    const sources = publicationSources(detail);
    return {
      publicQuestion: detail.publicQuestion ?? sources.question,
      publicAnswer: detail.publicAnswer ?? sources.answer,
    };
  }
  if (action === "record_answer" && lastAnswer) return { answer: lastAnswer };
  return {};
}

interface Props {
  detail: RequestDetail;
  /** A dialog to open from outside (a Q&A suggestion, a keyboard shortcut). */
  request?: DialogRequest | null;
  onRequestHandled?: () => void;
  shortcuts?: boolean;
  onDone?: (detail: RequestDetail, action: RequestAction) => void;
}

/**
 * Where the keyboard goes once an action dialog has closed (WAI-ARIA dialog pattern): back to the
 * action's button when the dialog did not put it back itself — the dialog was opened by a shortcut, a
 * Q&A suggestion or after the previous save, or the page re-rendered — else, the action being no longer
 * allowed after the save, to the panel, so the keyboard does not fall to the page's body.
 */
function returnFocus(panel: HTMLElement | null, action: RequestAction | undefined): void {
  const active = document.activeElement;
  if (!panel || (active && active !== document.body && active.isConnected)) return;
  const opener = panel.querySelector<HTMLElement>(`button[data-action="${action}"]`);
  (opener ?? panel).focus();
}

/** One button per action the server allows on this request now (allowedActions). */
export function ActionPanel({ detail, request, onRequestHandled, shortcuts, onDone }: Props) {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const user = useMe().data?.user.username ?? "";
  // The action whose dialog was last opened, and the panel around the buttons: the keyboard's way back.
  // `returning` holds from a dialog's close until the next click or the keyboard leaving the panel: the
  // request's re-render after a save may take the button the keyboard went back to, leaving the body.
  const opened = useRef<RequestAction>(undefined);
  const panel = useRef<HTMLDivElement>(null);
  const returning = useRef(false);
  useEffect(() => {
    if (returning.current) returnFocus(panel.current, opened.current);
  });
  const closed = () => {
    returnFocus(panel.current, opened.current);
    returning.current = true;
    const stop = (event: Event) => {
      if (event.type === "focusin" && event.target instanceof Node && panel.current?.contains(event.target))
        return;
      returning.current = false;
      document.removeEventListener("pointerdown", stop, true);
      document.removeEventListener("focusin", stop, true);
    };
    document.addEventListener("pointerdown", stop, true);
    document.addEventListener("focusin", stop, true);
  };
  const mutation = useRequestAction(detail.id);
  // The question to the requester is asked from the conversation panel, beside the messages. The
  // agency's usual step comes first, as the primary button: recording its answer (issue 18).
  const allowed: RequestAction[] = detail.allowedActions
    // Merging is done from the duplicates panel, beside the suggested request (issue 19).
    .filter((a) => a !== "ask_requester" && a !== "merge")
    .sort((a, b) => Number(b === "record_answer") - Number(a === "record_answer"));
  // Recording an answer leads straight to publishing it (Art. 12.2: the agency publishes what it
  // answered): the publish dialog opens by itself once the recorded answer is in the request.
  const [publishNext, setPublishNext] = useState<number | null>(null);
  // Publishing (issue 13): findings of the personal-data guard the publisher confirms are not
  // personal, and the texts they were found in.
  const [confirmed, setConfirmed] = useState<ConfirmedHit[]>([]);
  const [checked, setChecked] = useState<Record<string, string>>({});
  const findings = personalDataFindings(mutation.error);

  const show = (next: DialogRequest) => {
    if (!allowed.includes(next.action)) return;
    mutation.reset();
    setConfirmed([]);
    opened.current = next.action;
    returning.current = false;
    // What was typed in this dialog and not sent (a reload, a look at another page) comes back, unless
    // the dialog is opened with texts of its own (a Q&A suggestion, a mass event's answer).
    const kept = next.initial ? null : actionDraft(next.action, detail.id).read(user);
    setOpen({ action: next.action, initial: { ...defaults(detail, next.action), ...next.initial }, kept });
  };

  useEffect(() => {
    if (publishNext === null || detail.version < publishNext) return;
    setPublishNext(null);
    if (detail.allowedActions.includes("publish")) show({ action: "publish" });
  });

  useEffect(() => {
    if (!request) return;
    show(request);
    onRequestHandled?.();
  });

  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const action = (Object.keys(actionShortcuts) as RequestAction[]).find(
        (a) => actionShortcuts[a] === event.key.toLowerCase(),
      );
      if (action && allowed.includes(action)) {
        event.preventDefault();
        show({ action });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const submit = async (values: Record<string, unknown>) => {
    if (!open) return;
    const publishing = open.action === "publish";
    if (publishing)
      setChecked({
        publicQuestion: String(values.publicQuestion ?? ""),
        publicAnswer: String(values.publicAnswer ?? ""),
      });
    const body = publishing && confirmed.length > 0 ? { ...values, confirmedNotPersonal: confirmed } : values;
    const done = t("action.done", { action: t(`action.${open.action}`) });
    const updated = await attempt(mutation, toInput(open.action, detail.version, body), done);
    if (!updated) return;
    actionDraft(open.action, detail.id).clear();
    setOpen(null);
    if (open.action === "record_answer") setPublishNext(updated.version);
    onDone?.(updated, open.action);
  };

  // The dialog stays in the tree when the save leaves no action, so that it closes as any other.
  return (
    <div ref={panel} tabIndex={-1}>
      {allowed.length === 0 && <Typography.Text type="secondary">{t("request.noActions")}</Typography.Text>}
      {allowed.length > 0 && (
        <Space wrap role="group" aria-label={t("request.actions")}>
          {allowed.map((action, index) => {
            const key = shortcuts ? actionShortcuts[action] : undefined;
            return (
              <Button
                key={action}
                type={index === 0 ? "primary" : "default"}
                danger={action === "refuse"}
                onClick={() => show({ action })}
                data-action={action}
                aria-keyshortcuts={key ? `Alt+${key.toUpperCase()}` : undefined}
              >
                {t(`action.${action}`)}
                {key && <span className="kbd"> (Alt+{key.toUpperCase()})</span>}
              </Button>
            );
          })}
        </Space>
      )}
      <FormModal
        open={open !== null}
        title={open ? t(`action.${open.action}`) : ""}
        okText={t("action.confirm")}
        form={form}
        mutation={mutation}
        onCancel={() => setOpen(null)}
        afterOpenChange={(shown) => {
          if (!shown) closed();
        }}
        width={open?.action === "publish" ? 800 : 600}
      >
        {open?.kept && (
          <DraftRestored
            title={t("action.draftRestored")}
            onDiscard={() => {
              // Each restored field back to the dialog's own starting value.
              const restored = Object.keys(open.kept ?? {});
              form.setFields(restored.map((name) => ({ name, value: open.initial[name] })));
              actionDraft(open.action, detail.id).clear();
              setOpen({ ...open, kept: null });
            }}
          />
        )}
        <Form
          key={open?.action}
          form={form}
          layout="vertical"
          initialValues={{ ...open?.initial, ...open?.kept }}
          onFinish={(v) => void submit(v)}
          onValuesChange={(_, all: Record<string, unknown>) => {
            if (open) actionDraft(open.action, detail.id).write(user, textsOf(all));
          }}
          preserve={false}
        >
          {open && <ActionFields action={open.action} detail={detail} />}
        </Form>
        <PersonalDataFindings
          findings={findings}
          texts={checked}
          confirmed={confirmed}
          onChange={setConfirmed}
        />
      </FormModal>
    </div>
  );
}

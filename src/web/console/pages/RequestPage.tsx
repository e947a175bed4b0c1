import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useRequest } from "../api/requests.js";
import { useCan } from "../api/session.js";
import { ActionPanel, type DialogRequest } from "../components/ActionPanel.js";
import { AnswerFollowUp } from "../components/AnswerFollowUp.js";
import { EditRequest } from "../components/EditRequest.js";
import { LegalHold } from "../components/LegalHold.js";
import { NotesPanel } from "../components/NotesPanel.js";
import { Obligations } from "../components/Obligations.js";
import { RequestSummary, RequestView } from "../components/RequestView.js";
import { IssueFollowLink, RevokeFollowLink } from "../components/RevokeFollowLink.js";
import { StaleNotice, Unanswered } from "../components/States.js";
import { MergeDuplicates } from "./desk/DuplicatePanel.js";
import { MassEventPanel } from "./desk/MassEventPanel.js";

/**
 * One request: what it is first (who, what, deadline), then the actions the server allows the caller,
 * then its work and full history (R-HA8, R-MO3).
 */
export default function RequestPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const request = useRequest(id);
  const can = useCan();
  // A dialog opened from outside the action buttons (the mass event's prepared answer, issue 19).
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
          {t("request.back")}
        </Button>
        <Typography.Title level={1} className="request-code" style={{ fontSize: 22, margin: 0 }}>
          {request.data?.code ?? t("request.code")}
        </Typography.Title>
        {request.data && can("request.edit") && <EditRequest detail={request.data} />}
        {request.data && can("request.edit") && <RevokeFollowLink detail={request.data} />}
        {request.data && can("request.edit") && <IssueFollowLink detail={request.data} />}
      </Space>
      {request.data === undefined ? (
        <Unanswered query={request} />
      ) : (
        <>
          <StaleNotice query={request} />
          <RequestSummary detail={request.data} code={false} />
          <MassEventPanel
            requestId={request.data.id}
            answerable={request.data.allowedActions.includes("answer_from_kb")}
            onAnswer={setDialog}
          />
          <Card size="small" title={t("request.actions")}>
            <ActionPanel detail={request.data} request={dialog} onRequestHandled={() => setDialog(null)} />
          </Card>
          {request.data.allowedActions.includes("merge") && <MergeDuplicates detail={request.data} />}
          <Obligations detail={request.data} />
          <AnswerFollowUp detail={request.data} />
          <NotesPanel requestId={request.data.id} />
          <LegalHold requestId={request.data.id} />
          <RequestView detail={request.data} summary={false} />
        </>
      )}
    </Space>
  );
}

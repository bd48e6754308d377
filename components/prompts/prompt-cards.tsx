import { Card, CardBody, CardHeader } from '../ui/card';
import { ChatMessages } from './chat-messages';
import { ReferenceView } from './reference-view';

/** The prompt's turns and its reference (heading ids `<idPrefix>prompt-heading`, `<idPrefix>reference-heading`), as the prompt page and the review board show them side by side with the candidates. */
export function PromptCards({ idPrefix, messages, reference }: { idPrefix: string; messages: Parameters<typeof ChatMessages>[0]['messages']; reference: Parameters<typeof ReferenceView>[0]['reference'] }) {
  return (
    <>
      <Card aria-labelledby={`${idPrefix}prompt-heading`}>
        <CardHeader id={`${idPrefix}prompt-heading`} title="Prompt" />
        <CardBody>
          <ChatMessages messages={messages} />
        </CardBody>
      </Card>
      <Card aria-labelledby={`${idPrefix}reference-heading`}>
        <CardHeader id={`${idPrefix}reference-heading`} title="Reference" />
        <CardBody>
          <ReferenceView reference={reference} />
        </CardBody>
      </Card>
    </>
  );
}

import { PageHeading } from '../components/PageHeading';

/**
 * The recovery code, shown once. It is held only in this screen's props and forgotten when
 * the person confirms they have saved it. No copy button: clipboard managers keep history.
 */
export function RecoveryCodeScreen(props: {
  code: string;
  persisted: boolean | undefined;
  /** Made from Settings: the old code has just stopped working. */
  replaced?: boolean | undefined;
  onDone(): void;
}) {
  return (
    <>
      <PageHeading>{props.replaced ? 'Your new recovery code' : 'Your recovery code'}</PageHeading>
      {props.replaced ? (
        <p className="notice">
          Your old recovery code no longer works. If you wrote it down, cross it out or destroy it,
          so the two cannot be mixed up. The change is recorded in the audit log.
        </p>
      ) : null}
      <p>
        If you ever forget your passphrase, this code is the only way back in. Write it down and
        keep it somewhere safe that the person harming you cannot reach. It will not be shown again.
      </p>
      <p className="recovery-code" data-testid="recovery-code">
        {props.code}
      </p>
      {props.persisted === false ? (
        <div className="notice">
          <p>
            <strong>This browser may clear your casebook if the device runs low on space.</strong>
          </p>
          <p>
            To keep your records safe, make a backup from the Backup screen now and then, and keep
            the file somewhere safe.
          </p>
        </div>
      ) : null}
      <button type="button" className="button" onClick={props.onDone}>
        I have saved my recovery code
      </button>
    </>
  );
}

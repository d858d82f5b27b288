/** Writes SMS Backup & Restore files for tests and the bench, emoji as surrogate references. */

/** Text as the app's "emoji and special characters" option writes it: UTF-16 units as `&#n;`. */
export function xmlAttr(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u === 38) out += '&amp;';
    else if (u === 60) out += '&lt;';
    else if (u === 34) out += '&quot;';
    else if (u === 10) out += '&#10;';
    else if (u >= 0x80) out += `&#${u};`;
    else out += text[i];
  }
  return out;
}

export interface WrittenSms {
  readonly address: string;
  readonly date: number;
  readonly type: 1 | 2;
  readonly body: string;
  readonly contactName?: string;
}

export const SMS_HEAD =
  '<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\' ?>\n<smses count="0" backup_set="test" type="full">\n';
export const SMS_TAIL = '</smses>\n';

export function smsElement(m: WrittenSms): string {
  return `  <sms protocol="0" address="${xmlAttr(m.address)}" date="${m.date}" type="${m.type}" subject="null" body="${xmlAttr(m.body)}" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="x" contact_name="${xmlAttr(m.contactName ?? '(Unknown)')}" />\n`;
}

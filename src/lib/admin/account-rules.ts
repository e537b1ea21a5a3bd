/**
 * What an account's email and password must be: pure rules, shared by the server
 * (accounts, the CLI) and any sign-up or set-up form, so that both say the same thing.
 */

/** Shorter passwords are refused; long passphrases are welcome. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longer input is refused before hashing, so a huge body cannot keep the server busy. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_EMAIL_LENGTH = 254;

export interface RuleProblem {
	code: 'invalid_email' | 'password_too_short' | 'password_too_long';
	en: string;
	th: string;
}

/** Emails are compared trimmed and lower-cased: Somchai@BangRak.go.th is somchai@bangrak.go.th. */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Why this email cannot be an account's, or null. */
export function emailProblem(email: string): RuleProblem | null {
	const e = normaliseEmail(email);
	if (e.length <= MAX_EMAIL_LENGTH && /^[^@\s]+@[^@\s]+$/.test(e)) return null;
	return {
		code: 'invalid_email',
		en: 'Give an email address, like somchai@bangrak.go.th.',
		th: 'กรุณากรอกอีเมล เช่น somchai@bangrak.go.th'
	};
}

/** Length in characters as a person counts them (a Thai vowel mark is one). */
function characters(text: string): number {
	return [...text.normalize('NFC')].length;
}

/** Why this password cannot be used, or null. */
export function passwordProblem(password: string): RuleProblem | null {
	const n = characters(password);
	if (n < MIN_PASSWORD_LENGTH) {
		return {
			code: 'password_too_short',
			en: `A password has at least ${MIN_PASSWORD_LENGTH} characters; this one has ${n}.`,
			th: `รหัสผ่านต้องยาวอย่างน้อย ${MIN_PASSWORD_LENGTH} ตัวอักษร (ตอนนี้ ${n} ตัว)`
		};
	}
	if (n > MAX_PASSWORD_LENGTH) {
		return {
			code: 'password_too_long',
			en: `A password has at most ${MAX_PASSWORD_LENGTH} characters.`,
			th: `รหัสผ่านยาวได้ไม่เกิน ${MAX_PASSWORD_LENGTH} ตัวอักษร`
		};
	}
	return null;
}

import { Channel } from '../policy/number-policy';

interface Texts {
  sms(code: string, minutes: number): string;
  voice(code: string, minutes: number): string;
  /** The language tag Twilio's <Say> uses. */
  voiceLanguage: string;
}

/** The code spoken digit by digit, twice, with pauses: "1, 2, 3, 4, 5, 6." */
const spoken = (code: string, separator = ', ') => code.split('').join(separator);

const TEXTS: Readonly<Record<string, Texts>> = {
  en: {
    sms: (c, m) => `Your PhoneTrust verification code is ${c}. It expires in ${m} minutes. Never share it with anyone.`,
    voice: (c) => `Your verification code is ${spoken(c)}. Again: ${spoken(c)}.`,
    voiceLanguage: 'en-US',
  },
  'zh-CN': {
    sms: (c, m) => `【PhoneTrust】您的验证码是${c}，${m}分钟内有效。请勿将验证码告诉任何人。`,
    voice: (c) => `您的验证码是 ${spoken(c, '，')}。再说一遍：${spoken(c, '，')}。`,
    voiceLanguage: 'zh-CN',
  },
  'zh-TW': {
    sms: (c, m) => `【PhoneTrust】您的驗證碼是${c}，${m}分鐘內有效。請勿將驗證碼告訴任何人。`,
    voice: (c) => `您的驗證碼是 ${spoken(c, '，')}。再說一遍：${spoken(c, '，')}。`,
    voiceLanguage: 'zh-TW',
  },
  es: {
    sms: (c, m) => `Tu código de verificación de PhoneTrust es ${c}. Caduca en ${m} minutos. No lo compartas con nadie.`,
    voice: (c) => `Tu código de verificación es ${spoken(c)}. Repito: ${spoken(c)}.`,
    voiceLanguage: 'es-ES',
  },
  fr: {
    sms: (c, m) => `Votre code de vérification PhoneTrust est ${c}. Il expire dans ${m} minutes. Ne le communiquez à personne.`,
    voice: (c) => `Votre code de vérification est ${spoken(c)}. Je répète : ${spoken(c)}.`,
    voiceLanguage: 'fr-FR',
  },
  de: {
    sms: (c, m) => `Ihr PhoneTrust-Bestätigungscode lautet ${c}. Er läuft in ${m} Minuten ab. Geben Sie ihn niemandem weiter.`,
    voice: (c) => `Ihr Bestätigungscode lautet ${spoken(c)}. Noch einmal: ${spoken(c)}.`,
    voiceLanguage: 'de-DE',
  },
  ja: {
    sms: (c, m) => `PhoneTrust の確認コードは ${c} です。有効期限は${m}分です。誰にも教えないでください。`,
    voice: (c) => `確認コードは ${spoken(c, '、')} です。もう一度、${spoken(c, '、')}。`,
    voiceLanguage: 'ja-JP',
  },
  'pt-BR': {
    sms: (c, m) => `Seu código de verificação PhoneTrust é ${c}. Ele expira em ${m} minutos. Não o compartilhe com ninguém.`,
    voice: (c) => `Seu código de verificação é ${spoken(c)}. Repetindo: ${spoken(c)}.`,
    voiceLanguage: 'pt-BR',
  },
};

export const SUPPORTED_LOCALES = Object.keys(TEXTS);

/**
 * The closest supported locale: exact (case-insensitive), then the language with its usual region
 * (`zh` → `zh-CN`, `pt` → `pt-BR`), then English.
 */
export function resolveLocale(requested: string | undefined | null): string {
  if (!requested) return 'en';
  const wanted = requested.toLowerCase();
  const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  if (wanted === 'zh-hant' || wanted.startsWith('zh-hant') || wanted === 'zh-hk' || wanted === 'zh-mo') return 'zh-TW';
  const language = wanted.split('-')[0];
  return SUPPORTED_LOCALES.find((l) => l.toLowerCase().split('-')[0] === language) ?? 'en';
}

export function messageText(channel: Channel, locale: string, code: string, ttlMinutes: number): string {
  const texts = TEXTS[resolveLocale(locale)];
  return channel === 'sms' ? texts.sms(code, ttlMinutes) : texts.voice(code, ttlMinutes);
}

export function voiceLanguage(locale: string): string {
  return TEXTS[resolveLocale(locale)].voiceLanguage;
}

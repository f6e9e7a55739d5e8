// Words that mean the same thing to the classifier, in both languages: a sentence that says
// "leva" or "strip" where the corpus says "togli" or "remove" still reads as a revocation. Each word
// of a concept adds the concept as a feature, beside its own stem. Whole words, not stems: "subscribe"
// asks for reminders, "subscribed" asks about them.

const CONCEPTS: Readonly<Record<string, string>> = {
  stop: `stop stopping cancel disable turn off switch mute silence unsubscribe opt quit pause halt enough
    basta ferma fermare fermate annulla disattiva disattivare spegni spegnere sospendi smetti smettila smettete
    disiscrivi disiscrivere disiscriviti silenzia`,
  remove: `revoke remove take away withdraw strip drop delete unassign rescind demote pull
    revoca revocare rimuovi rimuovere togli togliere togligli leva levare levagli elimina eliminare ritira
    ritirare cancella declassa`,
  give: `grant give assign allow let enable approve promote provide
    concedi concedere dai dagli dare assegna assegnagli assegnare abilita permetti attribuisci approva promuovi`,
  ask: `request requesting ask apply need want like
    richiedo richiedi richiedere chiedo chiedi chiedere vorrei voglio servirebbe bisogno domanda`,
  remind: `remind reminder reminders alert alerts notify notification notifications warn ping heads
    avvisa avvisaci avvisami avvisateci avviso avvisi promemoria ricorda ricordaci ricordami notifica notifiche preavviso`,
  begin: `subscribe enable activate start set configure sign
    iscrivi iscrivere attiva attivare abilita imposta configura accendi inizia registra`,
  state: `status state settings configuration configured subscribed subscription subscriptions last next check
    stato impostazioni configurazione configurati iscritti iscritto iscritta iscrizione iscrizioni ultimo ultima prossimo controlla`,
  left: `left remaining remain remains unused available balance spare still
    resta restano rimane rimangono rimasti rimaste residuo residui residue rimanenti disponibili avanza avanzano saldo ancora`,
  used: `used consumed spent burned burnt delivered history drilldown breakdown log ledger movements
    usato usati usate consumato consumati consumate speso spesi storico dettaglio cronologia movimenti erogati erogate`,
  expire: `expire expires expiring expiry expiration renew renewal renewals lapse lapses
    scade scadono scadenza scadenze scadere rinnovo rinnovi rinnovare`,
  invite: `invite invitation onboard join enroll member members
    invita invitare invito inserisci membro membri unire`,
  export: `export download excel csv spreadsheet file
    esporta esportare esportami scarica scaricare scarichi foglio`,
  help: `help commands command capabilities features options instructions guide examples example menu tutorial
    aiuto aiutami aiuti comandi comando funzioni funzionalita opzioni istruzioni guida esempi esempio`,
};

const BY_WORD = new Map<string, string[]>();
for (const [concept, words] of Object.entries(CONCEPTS)) {
  for (const word of words.split(/\s+/).filter(Boolean)) BY_WORD.set(word, [...(BY_WORD.get(word) ?? []), concept]);
}

/** Every word of every concept: words the spell checker must know. */
export const CONCEPT_WORDS: readonly string[] = [...BY_WORD.keys()];

/** The concepts a (folded) word belongs to: "togli" → remove. */
export function conceptsOf(word: string): readonly string[] {
  return BY_WORD.get(word) ?? [];
}

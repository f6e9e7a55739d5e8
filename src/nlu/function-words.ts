// Function words and everyday verbs of each language (folded: no accents). They tell the two
// languages apart in short messages, and they are never a workspace or package name.

export const ITALIAN_WORDS: ReadonlySet<string> = new Set(
  `il lo la i gli le l un una uno di del dello della dei degli delle d da dal dallo dalla dai dagli dalle dall
  a al allo alla ai agli alle all in nel nello nella nei negli nelle nell su sul sullo sulla sui sugli sulle sull
  per con tra fra che chi cosa cos come dove quando quale quali quanto quanta quanti quante perche
  e ed o oppure ma anche ancora non piu gia solo tutto tutti tutte tutta ogni qualche qualcosa niente nulla
  mi ti ci vi si me te noi voi lui lei loro mio mia miei mie tuo tua nostro nostra nostri nostre vostro suo sua
  sono sei e siamo siete ho hai ha abbiamo avete hanno c era stato stata essere avere fare fa fai faccio
  posso puoi puo possiamo potete vorrei voglio vuoi vogliamo devo deve dobbiamo serve servono
  mostra mostrami mostrate fammi fai dammi dimmi dai elenca elencami vedi vedere visualizza visualizzare
  dove qui qua li la questo questa questi queste quello quella quelli quelle ciao grazie prego favore
  per favore scusa salve buongiorno buonasera oggi ieri domani adesso ora subito prima dopo sempre mai
  quanto abbiamo restano resta rimasti rimaste rimane rimangono rimanenti residui residue residuo
  scade scadono scadenza scadenze scaduto scaduti attivo attivi attive attiva aperti aperte chiusi chiuse
  passa passare cambia cambiare usa usare vai torna mettimi spostati imposta area aree lavoro
  giorni giorno mesi mese settimane settimana anni anno ore ora crediti`.split(/\s+/),
);

export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `the a an of to in on at for from with by about into over under between through since until till
  and or but not no yes also still only all any some every each both either more most less many much few
  i me my mine we us our ours you your yours he him his she her it its they them their this that these those
  is are was were be been being am do does did done have has had having can could will would shall should may might must
  what which who whom whose how when where why there here please pls plz thanks thank thx hi hello hey
  show list give tell get see view display let lets want need like would find check send
  left remaining remain expire expires expiring expired active inactive open closed
  switch change use go back move set workspace workspaces days day months month weeks week years year hours hour credits
  s m d t ll re ve im dont doesnt isnt arent cant whats thats`.split(/\s+/),
);

/** Never the start of a name: articles, prepositions, pronouns, common verbs of either language. */
export function isFunctionWord(word: string): boolean {
  return ITALIAN_WORDS.has(word) || ENGLISH_WORDS.has(word);
}

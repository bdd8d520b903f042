import type { Language } from '../store/model';
import type { CategoryPath } from './classifications';

/** A realistic case subject in both demo languages, with the category it is filed under. */
export interface CaseTemplate {
  category: CategoryPath;
  en: { title: string; description: string };
  fr: { title: string; description: string };
}

export const CASE_TEMPLATES: CaseTemplate[] = [
  {
    category: 'Gmail > Delivery issues',
    en: {
      title: 'Outbound mail to a partner domain bounces with 550 5.7.26',
      description:
        'Since this morning, messages sent to one of our main suppliers bounce with "550 5.7.26 unauthenticated email". SPF and DKIM were set up last year. About 15 users are affected. Message headers of a bounced message are attached.',
    },
    fr: {
      title: 'Les e-mails sortants vers un fournisseur sont rejetés (550 5.7.26)',
      description:
        'Depuis ce matin, les messages envoyés à l’un de nos principaux fournisseurs reviennent avec « 550 5.7.26 unauthenticated email ». SPF et DKIM ont été configurés l’an dernier. Une quinzaine d’utilisateurs sont concernés. Les en-têtes d’un message rejeté sont joints.',
    },
  },
  {
    category: 'Gmail > Delivery issues',
    en: {
      title: 'Incoming messages delayed by up to two hours',
      description:
        'Users report that external emails arrive 1 to 2 hours after they were sent. The delay started yesterday afternoon and affects the whole domain. Internal mail is not delayed.',
    },
    fr: {
      title: 'Réception des e-mails retardée jusqu’à deux heures',
      description:
        'Les utilisateurs signalent que les e-mails externes arrivent une à deux heures après leur envoi. Le retard a commencé hier après-midi et touche tout le domaine. Les e-mails internes ne sont pas retardés.',
    },
  },
  {
    category: 'Gmail > Spam, phishing and malware',
    en: {
      title: 'Phishing campaign impersonating our CEO reaches inboxes',
      description:
        'Several employees received messages that spoof our CEO’s display name and ask for gift card purchases. They were not flagged as spam. We would like to know which settings can block them.',
    },
    fr: {
      title: 'Campagne d’hameçonnage usurpant le nom du dirigeant',
      description:
        'Plusieurs salariés ont reçu des messages usurpant le nom du gérant et demandant l’achat de cartes cadeaux. Ils n’ont pas été classés comme spam. Quels paramètres permettent de les bloquer ?',
    },
  },
  {
    category: 'Gmail > Routing and compliance rules',
    en: {
      title: 'Routing rule for the shared invoices address stopped working',
      description:
        'A routing rule adds the accounting group as recipient for messages to the invoices address. Since the last change in the Admin console, the group no longer receives copies.',
    },
    fr: {
      title: 'La règle de routage de l’adresse factures ne fonctionne plus',
      description:
        'Une règle de routage ajoute le groupe comptabilité en destinataire des messages envoyés à l’adresse factures. Depuis la dernière modification dans la console d’administration, le groupe ne reçoit plus les copies.',
    },
  },
  {
    category: 'Gmail > Gmail on mobile devices',
    en: {
      title: 'iPhone Mail app keeps asking for the password',
      description:
        'Three users who use the built-in iOS Mail app are prompted for their password every few hours. Gmail on the web works fine for them.',
    },
    fr: {
      title: 'L’application Mail de l’iPhone redemande sans cesse le mot de passe',
      description:
        'Trois utilisateurs de l’application Mail d’iOS doivent ressaisir leur mot de passe toutes les deux ou trois heures. Gmail sur le Web fonctionne normalement pour eux.',
    },
  },
  {
    category: 'Google Drive > Sharing and permissions',
    en: {
      title: 'External collaborators cannot open files in a shared folder',
      description:
        'Our project partners get "You need access" on files in a folder that was shared with them last week. External sharing is allowed for the organizational unit of the owner.',
    },
    fr: {
      title: 'Des partenaires externes n’ouvrent pas les fichiers d’un dossier partagé',
      description:
        'Nos partenaires obtiennent « Vous devez disposer d’un accès » sur les fichiers d’un dossier partagé avec eux la semaine dernière. Le partage externe est autorisé pour l’unité organisationnelle du propriétaire.',
    },
  },
  {
    category: 'Google Drive > Drive for desktop sync',
    en: {
      title: 'Drive for desktop stuck on "Preparing to sync"',
      description:
        'On four Windows 11 laptops Drive for desktop has shown "Preparing to sync" for two days. Reinstalling did not help. Logs from one machine are attached.',
    },
    fr: {
      title: 'Drive pour ordinateur bloqué sur « Préparation de la synchronisation »',
      description:
        'Sur quatre portables Windows 11, Drive pour ordinateur affiche « Préparation de la synchronisation » depuis deux jours. La réinstallation n’a rien changé. Les journaux d’un poste sont joints.',
    },
  },
  {
    category: 'Google Drive > Shared drives',
    en: {
      title: 'Cannot move a folder into a shared drive',
      description:
        'A manager tries to move the "Contracts 2024" folder from My Drive to the Legal shared drive and gets an error saying some items cannot be moved. She is a Manager of the shared drive.',
    },
    fr: {
      title: 'Impossible de déplacer un dossier vers un Drive partagé',
      description:
        'Une responsable essaie de déplacer le dossier « Contrats 2024 » de Mon Drive vers le Drive partagé Juridique et reçoit une erreur indiquant que certains éléments ne peuvent pas être déplacés. Elle est Gestionnaire du Drive partagé.',
    },
  },
  {
    category: 'Google Meet > Audio and video quality',
    en: {
      title: 'Choppy audio in Meet calls from the main office',
      description:
        'Since Monday, calls from the office network have choppy audio and frozen video. Calls from home are fine. Our firewall allows the Meet IP ranges and UDP 19302-19309.',
    },
    fr: {
      title: 'Son haché dans Meet depuis le siège',
      description:
        'Depuis lundi, les appels passés depuis le réseau du siège ont un son haché et une vidéo figée. Depuis le domicile tout fonctionne. Le pare-feu autorise les plages IP de Meet et l’UDP 19302-19309.',
    },
  },
  {
    category: 'Google Meet > Recording and live streaming',
    en: {
      title: 'Meet recordings do not appear in Drive',
      description:
        'Recordings of our weekly all-hands are not saved to the organizer’s Drive. The organizer gets no email with the link. Recording is enabled for the organizational unit.',
    },
    fr: {
      title: 'Les enregistrements Meet n’apparaissent pas dans Drive',
      description:
        'Les enregistrements de notre réunion hebdomadaire ne sont pas enregistrés dans le Drive de l’organisateur, qui ne reçoit pas l’e-mail avec le lien. L’enregistrement est activé pour l’unité organisationnelle.',
    },
  },
  {
    category: 'Google Calendar > Room and resource booking',
    en: {
      title: 'Meeting rooms show as busy although they are free',
      description:
        'Two meeting rooms appear busy all day in Calendar even though no event is booked. Deleting and re-creating the resources did not fix it.',
    },
    fr: {
      title: 'Des salles de réunion apparaissent occupées alors qu’elles sont libres',
      description:
        'Deux salles de réunion apparaissent occupées toute la journée dans Agenda alors qu’aucun événement n’y est réservé. Supprimer puis recréer les ressources n’a rien changé.',
    },
  },
  {
    category: 'Google Calendar > Interoperability with Microsoft Exchange',
    en: {
      title: 'Free/busy lookup with our Exchange subsidiary fails',
      description:
        'Calendar Interop was configured for our subsidiary that still uses Exchange. Free/busy of Exchange users shows "unknown" for all of them. The Interop troubleshooter reports an authentication error.',
    },
    fr: {
      title: 'La consultation des disponibilités avec notre filiale Exchange échoue',
      description:
        'Calendar Interop a été configuré pour notre filiale encore sous Exchange. Les disponibilités des utilisateurs Exchange s’affichent « inconnues ». L’outil de dépannage Interop signale une erreur d’authentification.',
    },
  },
  {
    category: 'Admin console > User management',
    en: {
      title: 'Suspended user still receives email',
      description:
        'We suspended a departing employee’s account, but messages to that address are still accepted and no bounce is returned to senders. We expected them to be rejected.',
    },
    fr: {
      title: 'Un utilisateur suspendu reçoit encore des e-mails',
      description:
        'Nous avons suspendu le compte d’un salarié sur le départ, mais les messages envoyés à son adresse sont toujours acceptés et les expéditeurs ne reçoivent aucun retour. Nous pensions qu’ils seraient rejetés.',
    },
  },
  {
    category: 'Admin console > Admin roles and privileges',
    en: {
      title: 'Delegated admin cannot reset passwords',
      description:
        'We created a custom role with the "Reset password" privilege for our help desk, but they get "You don’t have permission" when resetting passwords in the Sales organizational unit.',
    },
    fr: {
      title: 'Un administrateur délégué ne peut pas réinitialiser les mots de passe',
      description:
        'Nous avons créé un rôle personnalisé avec le droit « Réinitialiser le mot de passe » pour le support interne, mais il obtient « Vous n’avez pas l’autorisation » dans l’unité organisationnelle Ventes.',
    },
  },
  {
    category: 'Admin console > Domain verification and DNS',
    en: {
      title: 'Secondary domain stuck in "Verifying"',
      description:
        'We added a secondary domain for our new brand and published the TXT record four days ago. The Admin console still shows "Verifying". The record is visible with public DNS tools.',
    },
    fr: {
      title: 'Domaine secondaire bloqué sur « Validation en cours »',
      description:
        'Nous avons ajouté un domaine secondaire pour notre nouvelle marque et publié l’enregistrement TXT il y a quatre jours. La console affiche toujours « Validation en cours ». L’enregistrement est visible avec les outils DNS publics.',
    },
  },
  {
    category: 'Billing > Invoices and payments',
    en: {
      title: 'Invoice shows more licenses than assigned',
      description:
        'Last month’s invoice bills 48 Business Standard licenses, but only 41 users have a license assigned. We would like to understand the difference.',
    },
    fr: {
      title: 'La facture compte plus de licences que d’utilisateurs',
      description:
        'La facture du mois dernier porte sur 48 licences Business Standard alors que 41 utilisateurs seulement en ont une. Nous souhaitons comprendre l’écart.',
    },
  },
  {
    category: 'Billing > Plan changes',
    en: {
      title: 'Upgrade from Business Starter to Business Standard',
      description:
        'The customer wants to move all users to Business Standard at the start of next month and keep the annual commitment. Please confirm how the remaining commitment is prorated.',
    },
    fr: {
      title: 'Passage de Business Starter à Business Standard',
      description:
        'Le client souhaite passer tous ses utilisateurs à Business Standard au début du mois prochain en conservant l’engagement annuel. Merci de confirmer le calcul au prorata de l’engagement restant.',
    },
  },
  {
    category: 'Security > Compromised account',
    en: {
      title: 'Suspicious sign-ins on an employee account',
      description:
        'The Alert center reports suspicious logins from an unusual country for one user. We reset the password and signed the user out of all sessions. We need help to check what was accessed.',
    },
    fr: {
      title: 'Connexions suspectes sur le compte d’un salarié',
      description:
        'Le centre d’alertes signale des connexions suspectes depuis un pays inhabituel pour un utilisateur. Nous avons réinitialisé le mot de passe et fermé toutes ses sessions. Nous avons besoin d’aide pour savoir à quoi le compte a accédé.',
    },
  },
  {
    category: 'Security > 2-Step Verification',
    en: {
      title: 'Users locked out after 2-Step Verification enforcement',
      description:
        'We enforced 2-Step Verification for the Warehouse organizational unit. Several users who had not enrolled are now locked out and the enrollment period did not apply.',
    },
    fr: {
      title: 'Utilisateurs bloqués après l’application de la validation en deux étapes',
      description:
        'Nous avons imposé la validation en deux étapes à l’unité organisationnelle Entrepôt. Plusieurs utilisateurs non inscrits sont bloqués et la période d’inscription ne s’est pas appliquée.',
    },
  },
  {
    category: 'Security > Single sign-on (SAML)',
    en: {
      title: 'SAML SSO fails with "Invalid request" after certificate renewal',
      description:
        'After renewing the signing certificate of our identity provider, all users get "Invalid request" when signing in. We uploaded the new certificate in the SSO profile.',
    },
    fr: {
      title: 'Échec de l’authentification unique SAML après renouvellement du certificat',
      description:
        'Après le renouvellement du certificat de signature de notre fournisseur d’identité, tous les utilisateurs obtiennent « Requête non valide » à la connexion. Le nouveau certificat a bien été importé dans le profil SSO.',
    },
  },
  {
    category: 'Google Chat > Spaces and messages',
    en: {
      title: 'Messages in a Chat space disappear after 24 hours',
      description:
        'Messages in our "Operations" space disappear after one day. History is on for the space and the organizational unit. Users need to keep these messages.',
    },
    fr: {
      title: 'Les messages d’un espace Chat disparaissent après 24 heures',
      description:
        'Les messages de notre espace « Exploitation » disparaissent au bout d’un jour. L’historique est activé pour l’espace et pour l’unité organisationnelle. Les utilisateurs doivent conserver ces messages.',
    },
  },
  {
    category: 'Google Docs Editors > Sheets',
    en: {
      title: 'Large spreadsheet very slow to open',
      description:
        'Our stock spreadsheet (about 90,000 rows with IMPORTRANGE formulas) takes more than a minute to open and often shows "This page isn’t responding".',
    },
    fr: {
      title: 'Une feuille de calcul volumineuse met très longtemps à s’ouvrir',
      description:
        'Notre feuille de suivi des stocks (environ 90 000 lignes avec des formules IMPORTRANGE) met plus d’une minute à s’ouvrir et affiche souvent « Cette page ne répond pas ».',
    },
  },
  {
    category: 'Data migration > Migrate from Microsoft Exchange or Microsoft 365',
    en: {
      title: 'Data migration from Microsoft 365 skips some mailboxes',
      description:
        'The migration from Microsoft 365 completed with errors for 6 of 52 mailboxes ("Unable to access mailbox"). The migration account has full access to all mailboxes.',
    },
    fr: {
      title: 'La migration depuis Microsoft 365 ignore certaines boîtes',
      description:
        'La migration depuis Microsoft 365 s’est terminée avec des erreurs pour 6 boîtes sur 52 (« Impossible d’accéder à la boîte aux lettres »). Le compte de migration a un accès complet à toutes les boîtes.',
    },
  },
  {
    category: 'Directory sync > Google Cloud Directory Sync',
    en: {
      title: 'GCDS deletes users that exist in Active Directory',
      description:
        'The last Google Cloud Directory Sync run suspended 12 users who still exist in Active Directory. The simulation did not show these changes. The sync log is attached.',
    },
    fr: {
      title: 'GCDS supprime des utilisateurs présents dans Active Directory',
      description:
        'La dernière exécution de Google Cloud Directory Sync a suspendu 12 utilisateurs toujours présents dans Active Directory. La simulation n’affichait pas ces changements. Le journal de synchronisation est joint.',
    },
  },
  {
    category: 'Google Vault > Holds and exports',
    en: {
      title: 'Vault export stuck at 0 %',
      description:
        'An export of a matter with two custodians has shown 0 % for two days. Previous exports for the same matter worked.',
    },
    fr: {
      title: 'Export Vault bloqué à 0 %',
      description:
        'L’export d’un dossier portant sur deux comptes affiche 0 % depuis deux jours. Les exports précédents du même dossier ont fonctionné.',
    },
  },
  {
    category: 'Endpoint management > Android devices',
    en: {
      title: 'Work profile cannot be created on new Android phones',
      description:
        'New company phones fail to set up the work profile with "Can’t add work profile". Advanced mobile management is enabled. Older phones work.',
    },
    fr: {
      title: 'Impossible de créer le profil professionnel sur les nouveaux Android',
      description:
        'Les nouveaux téléphones de l’entreprise échouent à créer le profil professionnel (« Impossible d’ajouter le profil professionnel »). La gestion avancée des appareils mobiles est activée. Les anciens téléphones fonctionnent.',
    },
  },
];

export interface AgentTexts {
  firstReply: string;
  askInfo: string;
  solution: string;
  customerInfo: string;
  customerThanks: string;
}

/** What the support agent and the reseller say, per language. */
export const CONVERSATION: Record<Language, AgentTexts> = {
  en: {
    firstReply:
      'Hello,\n\nThank you for contacting Google Workspace Support. My name is Jordan and I will be working with you on this case. I am reviewing the details you provided and will update you shortly.\n\nBest regards,\nJordan\nGoogle Workspace Support',
    askInfo:
      'Hello,\n\nTo continue the investigation, could you please send us the exact time the issue last occurred (with time zone), the affected user accounts, and a screenshot of the error? Please do not include passwords.\n\nThank you,\nJordan\nGoogle Workspace Support',
    solution:
      'Hello,\n\nThank you for your patience. Our engineering team identified the cause and applied a fix on our side. Please confirm the issue is resolved for your users; if it is, you can close this case.\n\nBest regards,\nJordan\nGoogle Workspace Support',
    customerInfo:
      'Hi Jordan,\n\nThe issue happened again today around 9:40 AM Central time. It affects the accounts listed in the attached file. Screenshot attached.\n\nThanks',
    customerThanks: 'Confirmed with the customer: everything works now. Thanks for your help!',
  },
  fr: {
    firstReply:
      'Bonjour,\n\nMerci d’avoir contacté l’assistance Google Workspace. Je m’appelle Léa et je suis en charge de votre demande. J’examine les informations transmises et reviens vers vous rapidement.\n\nCordialement,\nLéa\nAssistance Google Workspace',
    askInfo:
      'Bonjour,\n\nPour poursuivre l’analyse, pourriez-vous nous indiquer l’heure exacte de la dernière occurrence (avec le fuseau horaire), les comptes concernés et une capture d’écran du message d’erreur ? Merci de ne pas transmettre de mots de passe.\n\nCordialement,\nLéa\nAssistance Google Workspace',
    solution:
      'Bonjour,\n\nMerci pour votre patience. Nos équipes techniques ont identifié la cause et appliqué un correctif. Pouvez-vous confirmer que le problème est résolu pour vos utilisateurs ? Si c’est le cas, vous pouvez fermer cette demande.\n\nCordialement,\nLéa\nAssistance Google Workspace',
    customerInfo:
      'Bonjour Léa,\n\nLe problème s’est reproduit aujourd’hui vers 9 h 40 (heure de Paris). Les comptes concernés sont listés dans le fichier joint, ainsi qu’une capture d’écran.\n\nMerci',
    customerThanks: 'Confirmé avec le client : tout fonctionne à nouveau. Merci pour votre aide !',
  },
};

export const GOOGLE_SUPPORT_NAME: Record<Language, string> = {
  en: 'Google Workspace Support',
  fr: 'Assistance Google Workspace',
};

import type { Catalog } from './en';

/** Chaînes françaises : exactement les mêmes clés que en.ts. */
export const fr: Catalog = {
  startup: {
    noBridge:
      'Partner Desk n’a pas pu se connecter à son cœur. Lancez-le depuis l’application Partner Desk (ou `npm run preview`).',
  },
  common: {
    cancel: 'Annuler',
    close: 'Fermer',
    done: 'OK',
    loading: 'Chargement…',
    retry: 'Réessayer',
    optional: '(facultatif)',
    yes: 'Oui',
    no: 'Non',
  },
  welcome: {
    title: 'Ajoutez votre premier domaine de revendeur',
    body: 'Connectez-vous avec un compte de votre domaine de revendeur pour voir ses clients et leurs demandes d’assistance.',
    multiDomain:
      'Plusieurs domaines de revendeur ? Ajoutez-les tous : chaque domaine a son onglet et sa propre session.',
    demoTitle: 'Mode démo',
    demoBody: 'Partner Desk fonctionne sur des données de démonstration. Ses deux domaines de revendeur :',
    demoAdd: 'Se connecter à {{domain}}',
  },
  tabs: {
    label: 'Domaines de revendeur',
    attention: '{{n}} demandes à traiter',
    needsSignIn: 'reconnexion nécessaire',
    missingPrivilege: 'droit manquant',
    missingPrivilegeHint: 'Il vous manque le droit de revendeur « {{privilege}} » dans {{domain}}.',
    shortcutHint: '{{domain}} ({{key}}). Alt+Maj+Gauche/Droite déplace l’onglet.',
  },
  accounts: {
    addDomain: 'Ajouter un domaine de revendeur',
    addTitle: 'Ajouter un domaine de revendeur',
    signInAgainTitle: 'Se reconnecter à {{domain}}',
    addDescription:
      'Connectez-vous avec un compte utilisateur du domaine de revendeur. Google s’ouvre dans votre navigateur.',
    domainLabel: 'Domaine de revendeur',
    domainPlaceholder: 'revendeur.example.com',
    emailLabel: 'Adresse e-mail',
    emailPlaceholder: 'vous@revendeur.example.com',
    invalidDomain: 'Saisissez un nom de domaine, par exemple revendeur.example.com.',
    emailNotInDomain: 'L’adresse doit appartenir au domaine {{domain}}.',
    signInWithGoogle: 'Se connecter avec Google',
    finishInBrowser: 'Terminez la connexion dans votre navigateur',
    finishInBrowserHint:
      'Choisissez un compte de {{domain}} dans la fenêtre du navigateur qui vient de s’ouvrir, puis revenez ici.',
    waitLeft: 'En attente du navigateur : encore {{time}}.',
    noAnswerYet:
      'Toujours pas de réponse du navigateur. Si vous avez fermé la page de connexion, ou si elle ne s’est pas ouverte, rouvrez-la.',
    openAgain: 'Rouvrir la page de connexion',
    signInAgain: 'Se reconnecter',
    sessionExpiredTitle: 'Votre session pour {{domain}} a expiré.',
    sessionExpiredBody:
      'Les demandes enregistrées restent visibles ; reconnectez-vous pour les actualiser et agir sur les demandes.',
    signOut: 'Se déconnecter',
    signOutOf: 'Se déconnecter de {{domain}}',
    signOutTitle: 'Se déconnecter de {{domain}} ?',
    signOutDescription:
      'Cet onglet se ferme et les demandes enregistrées de ce domaine sont supprimées de cet ordinateur. Les autres domaines restent connectés.',
  },
  customers: {
    paneLabel: 'Demandes et clients',
    myCases: 'Mes demandes',
    myCustomers: 'Mes clients',
    search: 'Rechercher un client',
    none: 'Aucun client dans ce domaine pour le moment.',
    noMatch: 'Aucun client ne correspond à cette recherche.',
    noAccess: 'Accès revendeur non autorisé',
    noAccessHint: 'Ce client n’a pas autorisé l’accès revendeur.',
    accessUnknown: 'Accès non vérifié',
    accessUnknownHint:
      'Partner Desk apprend si un client a autorisé l’accès revendeur en lisant ses demandes, ce qu’il n’a pas encore pu faire.',
    noneBecauseError: 'Impossible de lister les clients.',
    noAccessTitle: '{{customer}} n’a pas autorisé l’accès revendeur.',
    noAccessRemedy:
      'Vous ne pouvez ni voir ni déposer ses demandes tant que le client ne l’autorise pas : un super-administrateur du client ouvre la console d’administration Google et suit « Modifier l’accès d’un revendeur à votre compte ».',
    premium: 'Assistance Premium',
  },
  filters: {
    label: 'Filtrer les demandes',
    keyword: 'Mot clé',
    keywordPlaceholder: 'Rechercher des demandes',
    keywordHint: 'Recherche dans les titres, descriptions et commentaires',
    state: 'État',
    priority: 'Gravité',
    clear: 'Effacer les filtres',
    clearThis: 'Effacer',
  },
  cases: {
    gridLabel: 'Demandes',
    customerCases: 'Demandes du client',
    loading: 'Chargement des demandes…',
    firstSync: 'Récupération des demandes de ce domaine auprès de Google…',
    countOne: '{{n}} demande',
    countOther: '{{n}} demandes',
    escalated: 'Remontée',
    pending: 'En attente',
    noneTitle: 'Aucune demande',
    noneBody: 'Les demandes déposées pour vos clients s’affichent ici.',
    noneOffline:
      'Vous êtes hors connexion et aucune demande n’est encore enregistrée sur cet ordinateur. Elles se chargeront à votre retour en ligne.',
    noMatchTitle: 'Aucune demande ne correspond à ces filtres',
    noMatchBody: 'Essayez un autre mot clé, ou effacez les filtres.',
    resizeColumn: 'Redimensionner la colonne {{column}}',
    opened: 'Demande ouverte : {{title}}',
    columns: {
      title: 'Titre',
      customerName: 'Client',
      state: 'État',
      priority: 'Gravité',
      category: 'Catégorie',
      updateTime: 'Modifiée',
      createTime: 'Créée',
    },
  },
  state: {
    NEW: 'Nouvelle',
    IN_PROGRESS_GOOGLE_SUPPORT: 'En cours (Google)',
    ACTION_REQUIRED: 'Action requise',
    SOLUTION_PROVIDED: 'Solution proposée',
    CLOSED: 'Fermée',
  },
  priority: {
    P0: 'P0 · Critique',
    P1: 'P1 · Élevée',
    P2: 'P2 · Moyenne',
    P3: 'P3 · Faible',
    P4: 'P4 · Minime',
  },
  case: {
    paneLabel: 'Demande',
    close: 'Fermer le panneau de la demande',
    loading: 'Chargement de la demande…',
    refreshing: 'Actualisation…',
    escalated: 'Remontée',
    description: 'Description',
    history: 'Historique',
    attachments: 'Pièces jointes',
    googleSupport: 'Assistance Google',
    noComments: 'Aucun message pour le moment.',
    noAttachments: 'Aucune pièce jointe.',
    noSubscribers: 'Personne',
    fields: {
      customer: 'Client',
      category: 'Catégorie',
      created: 'Créée',
      updated: 'Modifiée',
      escalated: 'Remontée',
      creator: 'Déposée par',
      contact: 'Contact',
      language: 'Langue · fuseau horaire',
      subscribers: 'Partagée avec',
      id: 'Numéro de demande',
    },
  },
  shell: {
    skipToCases: 'Aller aux demandes',
    workspace: 'Espace de travail',
  },
  privileges: {
    support: 'Assistance',
    viewCustomers: 'Outils pour les revendeurs › Clients › Afficher les clients',
    accessCases: 'Outils pour les revendeurs › Clients › Accéder aux demandes d’assistance des clients',
  },
  sync: {
    syncing: 'Actualisation…',
    updated: 'Mis à jour {{when}}',
    never: 'Pas encore actualisé',
    offline: 'Hors connexion — demandes enregistrées affichées. Elles s’actualiseront à votre retour en ligne.',
    pausedForSignIn: 'Actualisation suspendue jusqu’à votre reconnexion',
    failed: 'Échec de l’actualisation',
    refreshNow: 'Actualiser maintenant',
  },
  settings: {
    title: 'Paramètres',
    language: 'Langue',
    languageSystem: 'Système ({{language}})',
    languages: { en: 'English', fr: 'Français' },
    theme: 'Thème',
    themes: { system: 'Système', light: 'Clair', dark: 'Sombre' },
    about: 'Partner Desk {{version}}',
    backendDemo: 'Données de démonstration',
    backendGoogle: 'Google Cloud Support',
  },
  errors: {
    unknownPrivilege: 'Assistance',
    thisCustomer: 'ce client',
    no_reseller_access: {
      title: '{{customer}} n’a pas autorisé l’accès revendeur.',
      remedy:
        'Le client doit l’autoriser : un super-administrateur du client ouvre la console d’administration Google et suit « Modifier l’accès d’un revendeur à votre compte ».',
    },
    missing_privilege: {
      title: 'Il vous manque un droit de revendeur.',
      remedy:
        'Un super-administrateur de votre domaine de revendeur doit vous attribuer le droit « {{privilege}} » : dans la console d’administration Google, sous Compte › Rôles d’administrateur, il vous attribue le rôle « Administrateur du revendeur » ou un rôle personnalisé disposant de ce droit.',
    },
    not_found: {
      title: 'Cette demande est introuvable.',
      remedy:
        'Elle n’existe peut-être pas, ou elle a été envoyée pendant qu’un autre revendeur gérait le client : ces demandes ne vous sont pas visibles.',
    },
    quota: {
      title: 'Google limite les requêtes.',
      remedy: 'Partner Desk ralentit et réessaiera de lui-même.',
    },
    offline: {
      title: 'Vous êtes hors connexion.',
      remedy: 'Données enregistrées affichées ; elles s’actualiseront à votre retour en ligne.',
    },
    session_expired: {
      title: 'Votre session pour {{domain}} a expiré.',
      remedy: 'Reconnectez-vous à ce domaine. Vos demandes enregistrées restent visibles en attendant.',
    },
    invalid_argument: {
      title: 'Google a refusé la requête comme invalide.',
      remedy: 'Vérifiez la valeur de « {{field}} » et réessayez.',
    },
    failed_precondition: {
      title: 'Cette action n’est pas possible pour cette demande.',
      remedy: 'La demande ou le client ne le permet pas (par exemple, la remontée exige l’Assistance Premium).',
    },
    server: {
      title: 'Les serveurs de Google ont rencontré un problème.',
      remedy: 'Réessayez dans un instant.',
    },
    timeout: {
      title: 'La requête a pris trop de temps.',
      remedy: 'Vérifiez votre connexion et réessayez.',
    },
    cancelled: {
      title: 'Annulé.',
      remedy: 'Rien n’a été modifié.',
    },
    too_large: {
      title: 'Le fichier est trop volumineux.',
      remedy: 'Joignez un fichier plus petit, ou découpez-le.',
    },
    file: {
      not_a_file: {
        title: '« {{filename}} » n’est pas un fichier.',
        remedy: 'Seuls des fichiers peuvent être joints : ni dossiers, ni périphériques, ni raccourcis vers eux.',
      },
      unreadable: {
        title: '« {{filename}} » ne peut pas être lu.',
        remedy: 'Vérifiez que vous avez le droit de l’ouvrir, puis joignez-le à nouveau.',
      },
      file_vanished: {
        title: '« {{filename}} » n’est plus là.',
        remedy: 'Il a été déplacé ou supprimé : joignez-le à nouveau depuis son nouvel emplacement.',
      },
      file_not_staged: {
        title: 'Ce fichier n’est plus prêt à être envoyé.',
        remedy: 'Choisissez-le à nouveau, ou déposez-le à nouveau sur la demande.',
      },
    },
    wrong_domain: {
      title: 'Ce compte n’appartient pas à {{domain}}.',
      remedy: 'Reconnectez-vous et choisissez un compte utilisateur de {{domain}}.',
    },
    bad_request: {
      title: 'Partner Desk a envoyé une requête invalide.',
      remedy: 'Réessayez ; si cela se reproduit, redémarrez Partner Desk.',
    },
    internal: {
      title: 'Un problème est survenu dans Partner Desk.',
      remedy: 'Réessayez ; si cela se reproduit, redémarrez Partner Desk.',
    },
  },
};

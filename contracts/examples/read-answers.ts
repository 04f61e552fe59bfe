/*
 * Answers of the read routes on the demo history (scripts/demo-data) of Ethiopia and Somalia, on 2025-01-15.
 * Captured from the service by scripts/openapi-read-examples.ts (recording times moved to 2025-01-14).
 * test/integration/http/openapi-examples.test.ts parses each with the schema it illustrates and
 * compares it with a fresh app's answer (event ids, times and hashes aside). Plain values: a
 * `satisfies` against those schemas would make their types circular (the schemas show these).
 */

/** GET /v1/countries (an analyst: every configured country). */
export const countryListExample = {
  countries: [
    {
      code: "ET",
      streamId: "country-ET",
      lastActivity: {
        eventId: "90cd5b07-e068-4da0-8753-a16860a3fdea",
        type: "EUTravelDocumentPresented",
        position: 50,
        recordedAt: "2025-01-14T09:55:01.801Z",
        occurredOn: "2023-03-02",
        events: 38
      },
      latestScore: {
        year: 2023,
        score: null,
        band: null,
        reason: "insufficient-data",
        reasonDetail: "Required indicator(s) unavailable: B; available weight 25% is below 60%",
        provisional: true,
        containsEstimates: true,
        modelVersion: 1
      }
    },
    {
      code: "SO",
      streamId: "country-SO",
      lastActivity: {
        eventId: "7a269e3e-6d0f-4d95-9d12-77038fa2b3ef",
        type: "EUTravelDocumentPresented",
        position: 75,
        recordedAt: "2025-01-14T09:55:01.869Z",
        occurredOn: "2023-03-02",
        events: 37
      },
      latestScore: {
        year: 2023,
        score: 32.82,
        band: "insufficient",
        reason: null,
        reasonDetail: null,
        provisional: true,
        containsEstimates: true,
        modelVersion: 1
      }
    }
  ],
  position: 75
};

/** GET /v1/countries/ET/profile */
export const profileExample = {
  country: "ET",
  asOfDate: "2025-01-15",
  position: 75,
  instruments: [
    {
      id: "ET-EU-ADM-2018",
      history: [
        {
          on: "2017-01-15",
          type: "InstrumentNegotiationOpened",
          eventId: "1c9b677d-aaaf-43ce-8390-b445fc8e3a06"
        },
        {
          on: "2018-02-05",
          type: "InstrumentAgreed",
          eventId: "2ee408b6-191a-4fda-9ce0-d7865fcdde4e"
        },
        {
          on: "2018-02-05",
          type: "InstrumentProvisionsApplicable",
          eventId: "4e6d3540-b276-4dd9-9e40-e0f7c74270e8"
        }
      ],
      lastEventOn: "2018-02-05",
      title: "Admission procedures for the return of Ethiopians from EU Member States",
      instrumentKind: "EU-readmission-arrangement",
      level: "EU",
      legallyBinding: false,
      status: "in-force",
      openedOn: "2017-01-15",
      agreedOn: "2018-02-05",
      provisions: [
        "identification",
        "emergency travel documents",
        "scheduled and charter returns"
      ],
      applicableFrom: "2018-02-05",
      eventIds: [
        "1c9b677d-aaaf-43ce-8390-b445fc8e3a06",
        "2ee408b6-191a-4fda-9ce0-d7865fcdde4e",
        "4e6d3540-b276-4dd9-9e40-e0f7c74270e8"
      ]
    }
  ],
  visaMeasures: {
    inForce: [
      {
        id: "ET-25A-2023",
        history: [
          {
            on: "2023-09-27",
            type: "VisaMeasureProposed",
            eventId: "f8c0d5e2-8594-4131-9c85-dc8d363b9652"
          },
          {
            on: "2024-04-29",
            type: "VisaMeasureAdopted",
            eventId: "411d21f3-65d6-473b-9e5c-3b436cf26abb"
          },
          {
            on: "2024-06-01",
            type: "VisaMeasureApplicable",
            eventId: "9205a775-c65f-4744-a7f5-a86f034e4da8"
          }
        ],
        legalBasis: "25a(5)(a)",
        provisions: [
          "14(6)",
          "16(5)(b)",
          "23(1)",
          "24(2)",
          "24(2c)"
        ],
        fee: null,
        scope: "all-nationals",
        categories: [],
        proposalRef: "COM(2023) 568",
        proposedOn: "2023-09-27",
        status: "in-force",
        adoptedOn: "2024-04-29",
        councilActRef: "Council Implementing Decision (EU) 2024/1341",
        applicableFrom: "2024-06-01",
        plannedEnd: null,
        eventIds: [
          "f8c0d5e2-8594-4131-9c85-dc8d363b9652",
          "411d21f3-65d6-473b-9e5c-3b436cf26abb",
          "9205a775-c65f-4744-a7f5-a86f034e4da8"
        ]
      }
    ],
    proposed: [],
    other: []
  },
  dialogueTracks: [
    {
      id: "ET-EU-JWG",
      title: "EU-Ethiopia Joint Working Group on readmission",
      level: "senior-officials",
      format: "EU",
      parties: [
        "EU",
        "ET"
      ],
      openedOn: "2018-02-05",
      sessions: 0,
      eventIds: [
        "b2ad230b-fedf-4d41-9b84-935f3416c549"
      ]
    },
    {
      id: "ET-NL-1",
      title: "NL-Ethiopia migration dialogue",
      level: "senior-officials",
      format: "NL-bilateral",
      parties: [
        "NL",
        "ET"
      ],
      openedOn: "2019-01-10",
      sessions: 1,
      lastSession: {
        on: "2023-06-20",
        eventId: "fdf9181b-cf44-463d-aa6f-82a5fae590bb",
        location: "Addis Ababa",
        topics: [
          "laissez-passer procedure",
          "identification"
        ],
        outcomeSummary: "LP approval still runs via Addis Ababa through the embassy in Brussels; agreed to test faster handling of complete requests."
      },
      estimate: true,
      eventIds: [
        "47673eaa-5176-463a-b642-ab5436c27759",
        "fdf9181b-cf44-463d-aa6f-82a5fae590bb"
      ]
    }
  ],
  openCommitments: [],
  notifications: [],
  requests: {
    open: 4,
    overdue: 4,
    openRequests: [
      {
        requestId: "NL-ET-RR-2023-006",
        requestKind: "readmission",
        submittedOn: "2023-07-03",
        requestingState: "NL",
        instrumentId: "ET-EU-ADM-2018",
        deadline: "2023-08-02",
        overdue: true,
        lapse: null
      },
      {
        requestId: "NL-ET-RR-2023-005",
        requestKind: "readmission",
        submittedOn: "2023-06-03",
        requestingState: "NL",
        instrumentId: "ET-EU-ADM-2018",
        deadline: "2023-07-03",
        overdue: true,
        lapse: null
      },
      {
        requestId: "NL-ET-RR-2023-004",
        requestKind: "readmission",
        submittedOn: "2023-05-03",
        requestingState: "NL",
        instrumentId: "ET-EU-ADM-2018",
        deadline: "2023-06-02",
        overdue: true,
        lapse: null
      },
      {
        requestId: "NL-ET-RR-2023-003",
        requestKind: "readmission",
        submittedOn: "2023-04-03",
        requestingState: "NL",
        instrumentId: "ET-EU-ADM-2018",
        deadline: "2023-05-03",
        overdue: true,
        lapse: null
      }
    ],
    nextCursor: null
  },
  recentOperations: [
    {
      id: "NL-ET-OP-2023-3",
      mode: "scheduled-escorted",
      plannedDate: "2023-07-20",
      plannedReturnees: 2,
      organiser: "DT&V",
      status: "executed",
      executed: {
        on: "2023-07-20",
        returnees: 2,
        forced: 2,
        voluntary: 0
      },
      estimate: true,
      eventIds: [
        "0928e83f-d796-46ee-a13d-9cb1df323d1c",
        "ddd865d1-0941-4129-b1bb-1ce7e58306a3"
      ]
    },
    {
      id: "NL-ET-OP-2023-2",
      mode: "scheduled-escorted",
      plannedDate: "2023-05-20",
      plannedReturnees: 2,
      organiser: "DT&V",
      status: "cancelled",
      permit: "refused",
      cancelled: {
        on: "2023-05-18",
        cause: "no-landing-permit",
        partnerAttributable: true
      },
      estimate: true,
      eventIds: [
        "51bd4da5-1a54-49a3-a089-39644d4ef037",
        "0094b805-88f3-48ef-9fa3-b66c7238a7af",
        "eaa2b6ae-7e61-4712-b0b6-b447f84e100d"
      ]
    },
    {
      id: "NL-ET-OP-2023-1",
      mode: "scheduled-escorted",
      plannedDate: "2023-03-20",
      plannedReturnees: 2,
      organiser: "DT&V",
      status: "executed",
      executed: {
        on: "2023-03-20",
        returnees: 2,
        forced: 2,
        voluntary: 0
      },
      estimate: true,
      eventIds: [
        "96557d67-6228-44a2-ba51-6bf1089afb3c",
        "09be08e0-8189-4aa7-b2ab-86eaf7177440"
      ]
    }
  ],
  activeMoratoria: [],
  moratoria: [],
  officialFinding: {
    eventId: "1b0f1fb9-5d52-429e-8e2d-d3a7fe890a02",
    reportNo: 1,
    dataPeriod: "2019",
    finding: "not-public",
    documentRef: "COM(2021) 56",
    adoptedOn: "2021-02-10"
  },
  lastActivity: {
    eventId: "90cd5b07-e068-4da0-8753-a16860a3fdea",
    type: "EUTravelDocumentPresented",
    position: 50,
    recordedAt: "2025-01-14T09:55:01.801Z",
    occurredOn: "2023-03-02",
    events: 38
  }
};

/** GET /v1/countries/ET/scorecards/2023 */
export const scorecardExample = {
  country: "ET",
  year: 2023,
  quarter: null,
  period: "2023",
  modelVersion: 1,
  modelLabel: "Default model: Art. 25a(2) indicators, EU-anchored return rate",
  provisional: true,
  score: null,
  band: null,
  reason: "insufficient-data",
  reasonDetail: "Required indicator(s) unavailable: B; available weight 25% is below 60%",
  totalWeight: 100,
  availableWeight: 25,
  indicators: [
    {
      code: "A",
      article: "(a)",
      label: "Return decisions issued (volume; context and sample size, not scored)",
      weight: 0,
      effectiveWeight: 0,
      available: false,
      insufficientReason: "No return decisions reported for the period",
      source: null,
      numerator: null,
      denominator: null,
      rate: null,
      normalised: null,
      components: [],
      evidence: [],
      evidenceCount: 0,
      evidenceTruncated: false,
      fallback: null,
      notes: []
    },
    {
      code: "B",
      article: "(b)",
      label: "Return rate: returns / return decisions, same period",
      weight: 30,
      effectiveWeight: 0,
      available: false,
      insufficientReason: "No return decisions reported (denominator)",
      source: null,
      numerator: null,
      denominator: null,
      rate: null,
      normalised: null,
      components: [],
      evidence: [],
      evidenceCount: 0,
      evidenceTruncated: false,
      fallback: null,
      notes: []
    },
    {
      code: "C",
      article: "(c)",
      label: "Readmission requests accepted / (accepted + rejected + lapsed without consent)",
      weight: 20,
      effectiveWeight: 0,
      available: false,
      insufficientReason: "2 readmission requests with an outcome, below the minimum sample of 10",
      source: null,
      numerator: null,
      denominator: null,
      rate: null,
      normalised: null,
      components: [],
      evidence: [
        "46fb7eac-7044-4877-b27d-1973491a9e64",
        "77b59966-2f9d-4dc8-bcc1-47d23aa53b09",
        "a759a726-afa4-40f2-aa1c-799a5b1bbd89",
        "4e2b1849-be68-40e5-8da7-e73eea3acda9",
        "d9bb34ae-e562-4076-a9b0-08eaa4eeaf1f",
        "2425e663-9e2d-4593-99fc-4429b686d9ef",
        "a2091299-aa36-4913-ba6a-d7abe5af3f87",
        "b3b61d12-9d9d-4683-9e16-2c1f0234bad6"
      ],
      evidenceCount: 8,
      evidenceTruncated: false,
      fallback: null,
      notes: []
    },
    {
      code: "D1",
      article: "(d)(i)",
      label: "Requests answered within the deadline; travel documents issued / requests",
      weight: 20,
      effectiveWeight: 0,
      available: false,
      insufficientReason: "Fewer than 10 requests decided or submitted, no reported aggregate, no qualitative rating",
      source: null,
      numerator: null,
      denominator: null,
      rate: null,
      normalised: null,
      components: [
        {
          name: "timeliness",
          source: "case",
          numerator: 2,
          denominator: 2,
          rate: 1,
          available: false
        },
        {
          name: "issuance",
          source: "case",
          numerator: 0,
          denominator: 6,
          rate: 0,
          available: false
        }
      ],
      evidence: [
        "46fb7eac-7044-4877-b27d-1973491a9e64",
        "77b59966-2f9d-4dc8-bcc1-47d23aa53b09",
        "a759a726-afa4-40f2-aa1c-799a5b1bbd89",
        "4e2b1849-be68-40e5-8da7-e73eea3acda9",
        "d9bb34ae-e562-4076-a9b0-08eaa4eeaf1f",
        "2425e663-9e2d-4593-99fc-4429b686d9ef",
        "a2091299-aa36-4913-ba6a-d7abe5af3f87",
        "b3b61d12-9d9d-4683-9e16-2c1f0234bad6"
      ],
      evidenceCount: 8,
      evidenceTruncated: false,
      fallback: null,
      notes: []
    },
    {
      code: "D2",
      article: "(d)(ii)",
      label: "EU travel documents accepted / presented",
      weight: 10,
      effectiveWeight: 40,
      available: true,
      insufficientReason: null,
      source: "case",
      numerator: 3,
      denominator: 10,
      rate: 0.3,
      normalised: 30,
      components: [],
      evidence: [
        "07c85470-566f-45d2-a833-4868305bc37d",
        "0a393d7e-c0c9-42ff-84d9-9c53947c456e",
        "2bcdef6b-de42-42da-bc03-4ce3a95f928e",
        "2eedbe27-fce5-4a8d-9783-b4eed126ae27",
        "488b7a09-17c3-47a8-9c48-74e0ef62fff3",
        "6ad5303c-bef5-4f01-8410-7f31aacad1b3",
        "79d522d9-c1f5-46e0-b40b-51645cee4cca",
        "90cd5b07-e068-4da0-8753-a16860a3fdea",
        "c0b3d542-1be9-4269-8361-ab283ce7ba45",
        "e36ccca1-361b-4074-9dd3-63cf07501a89"
      ],
      evidenceCount: 10,
      evidenceTruncated: false,
      fallback: null,
      notes: []
    },
    {
      code: "D3",
      article: "(d)(iii)",
      label: "Accepted persons admitted at transfer",
      weight: 5,
      effectiveWeight: 0,
      available: false,
      insufficientReason: "0 transfers recorded, below the minimum sample of 10",
      source: null,
      numerator: null,
      denominator: null,
      rate: null,
      normalised: null,
      components: [],
      evidence: [],
      evidenceCount: 0,
      evidenceTruncated: false,
      fallback: null,
      notes: []
    },
    {
      code: "D4",
      article: "(d)(iv)",
      label: "Operations executed / (executed + partner-attributable cancellations), less moratorium days",
      weight: 15,
      effectiveWeight: 60,
      available: true,
      insufficientReason: null,
      source: "case",
      numerator: 2,
      denominator: 3,
      rate: 0.6666666666666666,
      normalised: 66.67,
      components: [
        {
          name: "operations",
          source: "case",
          numerator: 2,
          denominator: 3,
          rate: 0.6666666666666666,
          available: true
        },
        {
          name: "moratorium-days",
          source: "case",
          numerator: 0,
          denominator: 365,
          rate: 0,
          available: true
        }
      ],
      evidence: [
        "96557d67-6228-44a2-ba51-6bf1089afb3c",
        "09be08e0-8189-4aa7-b2ab-86eaf7177440",
        "51bd4da5-1a54-49a3-a089-39644d4ef037",
        "0094b805-88f3-48ef-9fa3-b66c7238a7af",
        "eaa2b6ae-7e61-4712-b0b6-b447f84e100d",
        "0928e83f-d796-46ee-a13d-9cb1df323d1c",
        "ddd865d1-0941-4129-b1bb-1ce7e58306a3"
      ],
      evidenceCount: 7,
      evidenceTruncated: false,
      fallback: null,
      notes: [
        "3 operations in the period; 0 cancelled for causes not attributable to the partner (not counted)"
      ]
    }
  ],
  dataGaps: [
    "C: 4 of 6 readmission requests submitted in the period have no recorded outcome (no answer, no recorded lapse) and are not in C's denominator",
    "D1: 4 of 6 requests submitted in the period have no answer or recorded lapse and are not in the timeliness denominator",
    "B: No return decisions reported (denominator)",
    "C: 2 readmission requests with an outcome, below the minimum sample of 10",
    "D1: Fewer than 10 requests decided or submitted, no reported aggregate, no qualitative rating",
    "D3: 0 transfers recorded, below the minimum sample of 10"
  ],
  warnings: [
    {
      code: "unanswered-requests",
      indicator: "C",
      message: "4 of 6 readmission requests submitted in the period have no recorded outcome (no answer, no recorded lapse) and are not in C's denominator"
    },
    {
      code: "unanswered-requests",
      indicator: "D1",
      message: "4 of 6 requests submitted in the period have no answer or recorded lapse and are not in the timeliness denominator"
    },
    {
      code: "estimates",
      indicator: "D2",
      message: "10 of the case records behind D2 rest on facts marked as estimates (evidenceStatus \"estimate\")"
    },
    {
      code: "estimates",
      indicator: "D4",
      message: "3 of the case records behind D4 rest on facts marked as estimates (evidenceStatus \"estimate\")"
    }
  ],
  containsEstimates: true,
  officialFinding: null,
  disclaimer: "Internal, explainable aid for preparing input to the Commission's Article 25a assessment; not the Commission's rating. The official finding, when shown, prevails.",
  position: 75
};

/** GET /v1/scoring-models: the built-in version 1 only. */
export const scoringModelListExample = {
  models: [
    {
      modelVersion: 1,
      model: {
        modelVersion: 1,
        label: "Default model: Art. 25a(2) indicators, EU-anchored return rate",
        indicators: [
          {
            code: "A",
            weight: 0,
            minSample: 20
          },
          {
            code: "B",
            weight: 30,
            minSample: 20
          },
          {
            code: "C",
            weight: 20,
            minSample: 10
          },
          {
            code: "D1",
            weight: 20,
            minSample: 10
          },
          {
            code: "D2",
            weight: 10,
            minSample: 10
          },
          {
            code: "D3",
            weight: 5,
            minSample: 10
          },
          {
            code: "D4",
            weight: 15,
            minSample: 2
          }
        ],
        euReturnRate: {
          "2019": 0.2896986970684039,
          "2020": 0.17709384460141273,
          "2023": 0.18891482154659617
        },
        defaultEuReturnRate: 0.19,
        returnRateTargetMultiple: 2,
        returnRateTargetCap: 0.6,
        defaultReplyDeadlineDays: 30,
        minAvailableWeightShare: 0.6,
        requiredIndicators: [
          "B"
        ],
        reconciliationTolerance: 0.1,
        qualitativeScale: [
          0,
          25,
          50,
          75,
          100
        ],
        bands: {
          adequate: 60,
          needsImprovement: 40
        }
      },
      eventId: null,
      approvedBy: null,
      publishedAt: null
    }
  ]
};

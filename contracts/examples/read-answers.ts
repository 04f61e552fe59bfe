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
        eventId: "b18c528f-6ef5-422d-8416-21234915a543",
        type: "EUTravelDocumentPresented",
        position: 50,
        recordedAt: "2025-01-14T09:09:00.534Z",
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
        eventId: "d265b88a-d248-4d0f-9a6d-9be78e173edb",
        type: "EUTravelDocumentPresented",
        position: 75,
        recordedAt: "2025-01-14T09:09:00.683Z",
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
          eventId: "e05bd8e0-6598-468b-9023-01d767bd3570"
        },
        {
          on: "2018-02-05",
          type: "InstrumentAgreed",
          eventId: "86489f60-3101-43a4-914f-a8d275b28c74"
        },
        {
          on: "2018-02-05",
          type: "InstrumentProvisionsApplicable",
          eventId: "c8f435d1-53cf-4b1f-9fed-99cbacb7c2a1"
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
        "e05bd8e0-6598-468b-9023-01d767bd3570",
        "86489f60-3101-43a4-914f-a8d275b28c74",
        "c8f435d1-53cf-4b1f-9fed-99cbacb7c2a1"
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
            eventId: "6e7740d1-fe3c-47b1-a3bc-fa9a93b3a802"
          },
          {
            on: "2024-04-29",
            type: "VisaMeasureAdopted",
            eventId: "3552f003-734c-4609-b51b-192507ace965"
          },
          {
            on: "2024-06-01",
            type: "VisaMeasureApplicable",
            eventId: "82d18198-06c9-47b0-878e-32ed17dcb65f"
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
          "6e7740d1-fe3c-47b1-a3bc-fa9a93b3a802",
          "3552f003-734c-4609-b51b-192507ace965",
          "82d18198-06c9-47b0-878e-32ed17dcb65f"
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
        "db718504-25e6-4681-b5c7-cdcbf2106741"
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
        eventId: "3b0faa6c-d144-4caf-9658-29480de43696",
        location: "Addis Ababa",
        topics: [
          "laissez-passer procedure",
          "identification"
        ],
        outcomeSummary: "LP approval still runs via Addis Ababa through the embassy in Brussels; agreed to test faster handling of complete requests."
      },
      estimate: true,
      eventIds: [
        "0eff9f99-cf92-48b0-b513-5fff572c91e8",
        "3b0faa6c-d144-4caf-9658-29480de43696"
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
      estimate: true,
      executed: {
        on: "2023-07-20",
        returnees: 2,
        forced: 2,
        voluntary: 0
      },
      eventIds: [
        "7e72822d-83ef-4958-9d58-f2c0901fad2a",
        "7d146d5a-6d7f-41c4-a30c-0ce2a748a673"
      ]
    },
    {
      id: "NL-ET-OP-2023-2",
      mode: "scheduled-escorted",
      plannedDate: "2023-05-20",
      plannedReturnees: 2,
      organiser: "DT&V",
      status: "cancelled",
      estimate: true,
      permit: "refused",
      cancelled: {
        on: "2023-05-18",
        cause: "no-landing-permit",
        partnerAttributable: true
      },
      eventIds: [
        "1ab879f8-7bb2-4764-b33d-11baa97cc212",
        "2d92a415-0d7c-4838-9980-0f17d201f69a",
        "04c8df11-815e-4e98-80c7-0ab6113f9f2a"
      ]
    },
    {
      id: "NL-ET-OP-2023-1",
      mode: "scheduled-escorted",
      plannedDate: "2023-03-20",
      plannedReturnees: 2,
      organiser: "DT&V",
      status: "executed",
      estimate: true,
      executed: {
        on: "2023-03-20",
        returnees: 2,
        forced: 2,
        voluntary: 0
      },
      eventIds: [
        "0c0d7bf9-6f27-4575-8145-d11642da3985",
        "c917216a-8b55-49ae-b3b8-98d9055dbdd0"
      ]
    }
  ],
  activeMoratoria: [],
  moratoria: [],
  officialFinding: {
    eventId: "fce6cb19-ee72-4d92-b04b-8b78c62d0f9e",
    reportNo: 1,
    dataPeriod: "2019",
    finding: "not-public",
    documentRef: "COM(2021) 56",
    adoptedOn: "2021-02-10"
  },
  lastActivity: {
    eventId: "b18c528f-6ef5-422d-8416-21234915a543",
    type: "EUTravelDocumentPresented",
    position: 50,
    recordedAt: "2025-01-14T09:09:00.534Z",
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
        "2916129e-f8e0-41cb-bb11-5b3f790ebfd3",
        "52819681-3358-4b34-b03b-89f5f50a4852",
        "add69695-7a2a-44ed-ace6-9f04fe7e0867",
        "d30d1388-47ed-49fd-82ec-e894fa41677e",
        "13b3f13e-cae3-42c9-95da-657a7b952aeb",
        "e7c44d03-5888-4ad3-bf70-12abf2dbba01",
        "e07f75ca-76d4-4c2f-b0e2-6e3ecdac61bc",
        "b0aa7f63-5e97-42de-9b30-b06bf9e9ec6b"
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
        "2916129e-f8e0-41cb-bb11-5b3f790ebfd3",
        "52819681-3358-4b34-b03b-89f5f50a4852",
        "add69695-7a2a-44ed-ace6-9f04fe7e0867",
        "d30d1388-47ed-49fd-82ec-e894fa41677e",
        "13b3f13e-cae3-42c9-95da-657a7b952aeb",
        "e7c44d03-5888-4ad3-bf70-12abf2dbba01",
        "e07f75ca-76d4-4c2f-b0e2-6e3ecdac61bc",
        "b0aa7f63-5e97-42de-9b30-b06bf9e9ec6b"
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
        "32dd10ec-7a0d-4a28-809c-8a37a481b2ca",
        "727fcb86-7da9-47f2-b6da-67c9441a691c",
        "82d5fedd-4dcc-4b01-ad7f-279a4fc567f8",
        "853d15b0-832e-4fa7-9827-af26d941b6ea",
        "98b22f20-db48-401b-9deb-4ac0a95a3f8f",
        "a1d4c815-610f-44dc-9bc6-504dc8739c71",
        "ae4114b7-7e7f-4480-a70c-cf0b51c7fbc5",
        "b18c528f-6ef5-422d-8416-21234915a543",
        "b6c7dc31-d2a3-4b7f-8859-71e66ca047cb",
        "f0f33b07-5b00-41e3-87d6-d4c9780296f0"
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
        "0c0d7bf9-6f27-4575-8145-d11642da3985",
        "c917216a-8b55-49ae-b3b8-98d9055dbdd0",
        "1ab879f8-7bb2-4764-b33d-11baa97cc212",
        "2d92a415-0d7c-4838-9980-0f17d201f69a",
        "04c8df11-815e-4e98-80c7-0ab6113f9f2a",
        "7e72822d-83ef-4958-9d58-f2c0901fad2a",
        "7d146d5a-6d7f-41c4-a30c-0ce2a748a673"
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

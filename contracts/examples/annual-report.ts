/*
 * GET /v1/reports/annual/2023?format=json on the demo history (scripts/demo-data) of Ethiopia, the only configured country.
 * Captured from the service by scripts/openapi-read-examples.ts (recording times moved to 2025-01-14).
 * test/integration/http/openapi-examples.test.ts parses each with the schema it illustrates and
 * compares it with a fresh app's answer (event ids, times and hashes aside). Plain values: a
 * `satisfies` against those schemas would make their types circular (the schemas show these).
 */

export const annualReportExample = {
  manifest: {
    asOf: "2025-01-14T09:09:01.351Z",
    contentHash: "7168b547e591c135d6bdc3e36e8b3c398a9bb5b24fdcf91b7ed80a0fb068edce",
    countries: [
      "ET"
    ],
    evidence: "bounded",
    kind: "annual-report",
    modelVersion: 1,
    position: 38,
    projectionVersions: {
      "country-state": 7,
      governance: 1
    },
    reportFormatVersion: 4,
    year: 2023
  },
  report: {
    countries: [
      {
        country: "ET",
        dataGaps: [
          "C: 4 of 6 readmission requests submitted in the period have no recorded outcome (no answer, no recorded lapse) and are not in C's denominator",
          "D1: 4 of 6 requests submitted in the period have no answer or recorded lapse and are not in the timeliness denominator",
          "B: No return decisions reported (denominator)",
          "C: 2 readmission requests with an outcome, below the minimum sample of 10",
          "D1: Fewer than 10 requests decided or submitted, no reported aggregate, no qualitative rating",
          "D3: 0 transfers recorded, below the minimum sample of 10",
          "No overall score: Required indicator(s) unavailable: B; available weight 25% is below 60%"
        ],
        dialogueSessions: [
          {
            eventId: "56690bf6-c57f-42d3-9f0c-774e770cc10f",
            location: "Addis Ababa",
            on: "2023-06-20",
            outcomeSummary: "LP approval still runs via Addis Ababa through the embassy in Brussels; agreed to test faster handling of complete requests.",
            topics: [
              "laissez-passer procedure",
              "identification"
            ],
            trackId: "ET-NL-1",
            trackTitle: "NL-Ethiopia migration dialogue"
          }
        ],
        evidence: [
          {
            correctedBy: [],
            eventId: "6e21bfc2-fe8d-49f4-9c6a-f18ebd1d4a67",
            evidenceStatus: "confirmed",
            occurredOn: "2017-01-15",
            position: 1,
            recordedAt: "2025-01-14T09:09:01.123Z",
            reference: "COM(2023) 568, recitals (negotiated 2017)",
            sourceKind: "commission",
            status: "recorded",
            type: "InstrumentNegotiationOpened",
            url: null
          },
          {
            correctedBy: [],
            eventId: "351d5c53-505f-48d6-9c8c-a2c34d4bfac1",
            evidenceStatus: "confirmed",
            occurredOn: "2018-02-05",
            position: 2,
            recordedAt: "2025-01-14T09:09:01.136Z",
            reference: "Admission procedures concluded February 2018 [S13a][S42]",
            sourceKind: "commission",
            status: "recorded",
            type: "InstrumentAgreed",
            url: null
          },
          {
            correctedBy: [],
            eventId: "47196d13-7a7e-4200-8352-91f3118b7ca3",
            evidenceStatus: "confirmed",
            occurredOn: "2018-02-05",
            position: 3,
            recordedAt: "2025-01-14T09:09:01.148Z",
            reference: "Admission procedures concluded February 2018 [S13a][S42]",
            sourceKind: "commission",
            status: "recorded",
            type: "InstrumentProvisionsApplicable",
            url: null
          },
          {
            correctedBy: [],
            eventId: "89855079-1a69-40f3-98c1-6e47e196d534",
            evidenceStatus: "estimate",
            occurredOn: "2023-02-03",
            position: 14,
            recordedAt: "2025-01-14T09:09:01.178Z",
            reference: "Demo case record: NL-ET-RR-2023-001",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "5ad1fb19-c268-49ea-b7c4-4ab76e15978d",
            evidenceStatus: "estimate",
            occurredOn: "2023-02-24",
            position: 15,
            recordedAt: "2025-01-14T09:09:01.198Z",
            reference: "Demo case record: NL-ET-RR-2023-001",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestAnswered",
            url: null
          },
          {
            correctedBy: [],
            eventId: "6405da51-70ad-4585-a6d4-cc442708d668",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-01",
            position: 22,
            recordedAt: "2025-01-14T09:09:01.218Z",
            reference: "Demo case record: NL-ET-OP-2023-1",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationPlanned",
            url: null
          },
          {
            correctedBy: [],
            eventId: "07e3c388-9873-467f-8cdc-732253b5a018",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-02",
            position: 29,
            recordedAt: "2025-01-14T09:09:01.271Z",
            reference: "Demo case record: EU travel document 1",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "5afa3273-94d2-4aa3-bd23-c344b545aa41",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-02",
            position: 32,
            recordedAt: "2025-01-14T09:09:01.316Z",
            reference: "Demo case record: EU travel document 4",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "97cf85d8-ebf8-4ca7-bbb1-9af8a52c1567",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-02",
            position: 35,
            recordedAt: "2025-01-14T09:09:01.338Z",
            reference: "Demo case record: EU travel document 7",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "272ae4eb-44e1-489e-9e85-5e322cc4ec44",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-02",
            position: 38,
            recordedAt: "2025-01-14T09:09:01.351Z",
            reference: "Demo case record: EU travel document 10",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "336fc6f2-7c5b-46c0-9e23-555843ce8292",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-03",
            position: 16,
            recordedAt: "2025-01-14T09:09:01.201Z",
            reference: "Demo case record: NL-ET-RR-2023-002",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "14abc2e1-ef7a-4f22-9e6e-5b4ed31db398",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-20",
            position: 23,
            recordedAt: "2025-01-14T09:09:01.220Z",
            reference: "Demo case record: NL-ET-OP-2023-1",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationExecuted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "747ffc9e-3682-4059-9e59-8c46c0f99472",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-24",
            position: 17,
            recordedAt: "2025-01-14T09:09:01.202Z",
            reference: "Demo case record: NL-ET-RR-2023-002",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestAnswered",
            url: null
          },
          {
            correctedBy: [],
            eventId: "82d5a327-aa64-42a1-ace5-72fd60937027",
            evidenceStatus: "estimate",
            occurredOn: "2023-04-03",
            position: 18,
            recordedAt: "2025-01-14T09:09:01.205Z",
            reference: "Demo case record: NL-ET-RR-2023-003",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "e88c4a46-b41a-4860-8839-dd53ce0133c8",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-01",
            position: 24,
            recordedAt: "2025-01-14T09:09:01.222Z",
            reference: "Demo case record: NL-ET-OP-2023-2",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationPlanned",
            url: null
          },
          {
            correctedBy: [],
            eventId: "bedf4860-a8d8-45ad-a7df-fd7979306bbe",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-02",
            position: 30,
            recordedAt: "2025-01-14T09:09:01.287Z",
            reference: "Demo case record: EU travel document 2",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "f38d1fda-de07-4f6c-aa3d-8f5e97733fd8",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-02",
            position: 33,
            recordedAt: "2025-01-14T09:09:01.332Z",
            reference: "Demo case record: EU travel document 5",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "0db5d09a-2499-4b1d-a5f9-03d8917cd460",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-02",
            position: 36,
            recordedAt: "2025-01-14T09:09:01.341Z",
            reference: "Demo case record: EU travel document 8",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "3f92113a-c065-4ecf-a7a5-d10d125854ae",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-03",
            position: 19,
            recordedAt: "2025-01-14T09:09:01.208Z",
            reference: "Demo case record: NL-ET-RR-2023-004",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "2327c5d2-b06f-4cb0-a993-63e0e42d28c7",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-05",
            position: 25,
            recordedAt: "2025-01-14T09:09:01.223Z",
            reference: "Demo case record: NL-ET-OP-2023-2",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "LandingPermitRequested",
            url: null
          },
          {
            correctedBy: [],
            eventId: "0d419c8a-8501-4511-a8ad-5bbca8f36f31",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-18",
            position: 26,
            recordedAt: "2025-01-14T09:09:01.225Z",
            reference: "Demo case record: NL-ET-OP-2023-2",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "LandingPermitRefused",
            url: null
          },
          {
            correctedBy: [],
            eventId: "217f8ab5-bd69-47b0-a33d-3ae9839c1f98",
            evidenceStatus: "estimate",
            occurredOn: "2023-06-03",
            position: 20,
            recordedAt: "2025-01-14T09:09:01.209Z",
            reference: "Demo case record: NL-ET-RR-2023-005",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "56690bf6-c57f-42d3-9f0c-774e770cc10f",
            evidenceStatus: "estimate",
            occurredOn: "2023-06-20",
            position: 6,
            recordedAt: "2025-01-14T09:09:01.154Z",
            reference: "Demo case record: dialogue session 2023",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "DialogueSessionHeld",
            url: null
          },
          {
            correctedBy: [],
            eventId: "fa0953b8-a957-4a2e-be5b-e4fa9605ca22",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-01",
            position: 27,
            recordedAt: "2025-01-14T09:09:01.226Z",
            reference: "Demo case record: NL-ET-OP-2023-3",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationPlanned",
            url: null
          },
          {
            correctedBy: [],
            eventId: "26d9d8bc-fa9f-4da1-8465-7eff78b097e6",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-02",
            position: 31,
            recordedAt: "2025-01-14T09:09:01.297Z",
            reference: "Demo case record: EU travel document 3",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "3501d7d6-9eb5-4cc0-8785-2d371d3a3fc7",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-02",
            position: 34,
            recordedAt: "2025-01-14T09:09:01.336Z",
            reference: "Demo case record: EU travel document 6",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "aabbd26c-c75f-4727-a65a-fab452ca380b",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-02",
            position: 37,
            recordedAt: "2025-01-14T09:09:01.346Z",
            reference: "Demo case record: EU travel document 9",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "77fbb4f2-35e2-404b-b43a-a9d9cc5e3751",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-03",
            position: 21,
            recordedAt: "2025-01-14T09:09:01.210Z",
            reference: "Demo case record: NL-ET-RR-2023-006",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "16270fbc-2b7c-44c5-b156-e75bca6e80a0",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-20",
            position: 28,
            recordedAt: "2025-01-14T09:09:01.229Z",
            reference: "Demo case record: NL-ET-OP-2023-3",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationExecuted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "f9c11d73-9aac-4a0f-bd86-bc3367d6f09a",
            evidenceStatus: "confirmed",
            occurredOn: "2023-09-27",
            position: 7,
            recordedAt: "2025-01-14T09:09:01.156Z",
            reference: "COM(2023) 568, 27.9.2023",
            sourceKind: "commission",
            status: "recorded",
            type: "VisaMeasureProposed",
            url: "https://eur-lex.europa.eu/legal-content/MT/ALL/?uri=CELEX%3A52023PC0568"
          }
        ],
        instruments: [
          {
            inForceAtYearEnd: true,
            instrumentId: "ET-EU-ADM-2018",
            kind: "EU-readmission-arrangement",
            legallyBinding: false,
            level: "EU",
            statusAtYearEnd: "in-force",
            steps: [
              {
                eventId: "6e21bfc2-fe8d-49f4-9c6a-f18ebd1d4a67",
                on: "2017-01-15",
                type: "InstrumentNegotiationOpened"
              },
              {
                eventId: "351d5c53-505f-48d6-9c8c-a2c34d4bfac1",
                on: "2018-02-05",
                type: "InstrumentAgreed"
              },
              {
                eventId: "47196d13-7a7e-4200-8352-91f3118b7ca3",
                on: "2018-02-05",
                type: "InstrumentProvisionsApplicable"
              }
            ],
            suspension: null,
            title: "Admission procedures for the return of Ethiopians from EU Member States"
          }
        ],
        partnerMoratoria: [],
        returnOperations: [
          {
            cancelCause: null,
            cancelledOn: null,
            eventIds: [
              "6405da51-70ad-4585-a6d4-cc442708d668",
              "14abc2e1-ef7a-4f22-9e6e-5b4ed31db398"
            ],
            executedOn: "2023-03-20",
            mode: "scheduled-escorted",
            operationId: "NL-ET-OP-2023-1",
            partnerAttributable: null,
            plannedDate: "2023-03-20",
            plannedReturnees: 2,
            returnees: 2,
            status: "executed"
          },
          {
            cancelCause: "no-landing-permit",
            cancelledOn: "2023-05-18",
            eventIds: [
              "e88c4a46-b41a-4860-8839-dd53ce0133c8",
              "2327c5d2-b06f-4cb0-a993-63e0e42d28c7",
              "0d419c8a-8501-4511-a8ad-5bbca8f36f31"
            ],
            executedOn: null,
            mode: "scheduled-escorted",
            operationId: "NL-ET-OP-2023-2",
            partnerAttributable: true,
            plannedDate: "2023-05-20",
            plannedReturnees: 2,
            returnees: null,
            status: "cancelled"
          },
          {
            cancelCause: null,
            cancelledOn: null,
            eventIds: [
              "fa0953b8-a957-4a2e-be5b-e4fa9605ca22",
              "16270fbc-2b7c-44c5-b156-e75bca6e80a0"
            ],
            executedOn: "2023-07-20",
            mode: "scheduled-escorted",
            operationId: "NL-ET-OP-2023-3",
            partnerAttributable: null,
            plannedDate: "2023-07-20",
            plannedReturnees: 2,
            returnees: 2,
            status: "executed"
          }
        ],
        scorecard: {
          availableWeight: 25,
          band: null,
          containsEstimates: true,
          country: "ET",
          dataGaps: [
            "C: 4 of 6 readmission requests submitted in the period have no recorded outcome (no answer, no recorded lapse) and are not in C's denominator",
            "D1: 4 of 6 requests submitted in the period have no answer or recorded lapse and are not in the timeliness denominator",
            "B: No return decisions reported (denominator)",
            "C: 2 readmission requests with an outcome, below the minimum sample of 10",
            "D1: Fewer than 10 requests decided or submitted, no reported aggregate, no qualitative rating",
            "D3: 0 transfers recorded, below the minimum sample of 10"
          ],
          disclaimer: "Internal, explainable aid for preparing input to the Commission's Article 25a assessment; not the Commission's rating. The official finding, when shown, prevails.",
          indicators: [
            {
              article: "(a)",
              available: false,
              code: "A",
              components: [],
              denominator: null,
              effectiveWeight: 0,
              evidence: [],
              evidenceCount: 0,
              evidenceTruncated: false,
              fallback: null,
              insufficientReason: "No return decisions reported for the period",
              label: "Return decisions issued (volume; context and sample size, not scored)",
              normalised: null,
              notes: [],
              numerator: null,
              rate: null,
              source: null,
              weight: 0
            },
            {
              article: "(b)",
              available: false,
              code: "B",
              components: [],
              denominator: null,
              effectiveWeight: 0,
              evidence: [],
              evidenceCount: 0,
              evidenceTruncated: false,
              fallback: null,
              insufficientReason: "No return decisions reported (denominator)",
              label: "Return rate: returns / return decisions, same period",
              normalised: null,
              notes: [],
              numerator: null,
              rate: null,
              source: null,
              weight: 30
            },
            {
              article: "(c)",
              available: false,
              code: "C",
              components: [],
              denominator: null,
              effectiveWeight: 0,
              evidence: [
                "89855079-1a69-40f3-98c1-6e47e196d534",
                "5ad1fb19-c268-49ea-b7c4-4ab76e15978d",
                "336fc6f2-7c5b-46c0-9e23-555843ce8292",
                "747ffc9e-3682-4059-9e59-8c46c0f99472",
                "82d5a327-aa64-42a1-ace5-72fd60937027",
                "3f92113a-c065-4ecf-a7a5-d10d125854ae",
                "217f8ab5-bd69-47b0-a33d-3ae9839c1f98",
                "77fbb4f2-35e2-404b-b43a-a9d9cc5e3751"
              ],
              evidenceCount: 8,
              evidenceTruncated: false,
              fallback: null,
              insufficientReason: "2 readmission requests with an outcome, below the minimum sample of 10",
              label: "Readmission requests accepted / (accepted + rejected + lapsed without consent)",
              normalised: null,
              notes: [],
              numerator: null,
              rate: null,
              source: null,
              weight: 20
            },
            {
              article: "(d)(i)",
              available: false,
              code: "D1",
              components: [
                {
                  available: false,
                  denominator: 2,
                  name: "timeliness",
                  numerator: 2,
                  rate: 1,
                  source: "case"
                },
                {
                  available: false,
                  denominator: 6,
                  name: "issuance",
                  numerator: 0,
                  rate: 0,
                  source: "case"
                }
              ],
              denominator: null,
              effectiveWeight: 0,
              evidence: [
                "89855079-1a69-40f3-98c1-6e47e196d534",
                "5ad1fb19-c268-49ea-b7c4-4ab76e15978d",
                "336fc6f2-7c5b-46c0-9e23-555843ce8292",
                "747ffc9e-3682-4059-9e59-8c46c0f99472",
                "82d5a327-aa64-42a1-ace5-72fd60937027",
                "3f92113a-c065-4ecf-a7a5-d10d125854ae",
                "217f8ab5-bd69-47b0-a33d-3ae9839c1f98",
                "77fbb4f2-35e2-404b-b43a-a9d9cc5e3751"
              ],
              evidenceCount: 8,
              evidenceTruncated: false,
              fallback: null,
              insufficientReason: "Fewer than 10 requests decided or submitted, no reported aggregate, no qualitative rating",
              label: "Requests answered within the deadline; travel documents issued / requests",
              normalised: null,
              notes: [],
              numerator: null,
              rate: null,
              source: null,
              weight: 20
            },
            {
              article: "(d)(ii)",
              available: true,
              code: "D2",
              components: [],
              denominator: 10,
              effectiveWeight: 40,
              evidence: [
                "07e3c388-9873-467f-8cdc-732253b5a018",
                "0db5d09a-2499-4b1d-a5f9-03d8917cd460",
                "26d9d8bc-fa9f-4da1-8465-7eff78b097e6",
                "272ae4eb-44e1-489e-9e85-5e322cc4ec44",
                "3501d7d6-9eb5-4cc0-8785-2d371d3a3fc7",
                "5afa3273-94d2-4aa3-bd23-c344b545aa41",
                "97cf85d8-ebf8-4ca7-bbb1-9af8a52c1567",
                "aabbd26c-c75f-4727-a65a-fab452ca380b",
                "bedf4860-a8d8-45ad-a7df-fd7979306bbe",
                "f38d1fda-de07-4f6c-aa3d-8f5e97733fd8"
              ],
              evidenceCount: 10,
              evidenceTruncated: false,
              fallback: null,
              insufficientReason: null,
              label: "EU travel documents accepted / presented",
              normalised: 30,
              notes: [],
              numerator: 3,
              rate: 0.3,
              source: "case",
              weight: 10
            },
            {
              article: "(d)(iii)",
              available: false,
              code: "D3",
              components: [],
              denominator: null,
              effectiveWeight: 0,
              evidence: [],
              evidenceCount: 0,
              evidenceTruncated: false,
              fallback: null,
              insufficientReason: "0 transfers recorded, below the minimum sample of 10",
              label: "Accepted persons admitted at transfer",
              normalised: null,
              notes: [],
              numerator: null,
              rate: null,
              source: null,
              weight: 5
            },
            {
              article: "(d)(iv)",
              available: true,
              code: "D4",
              components: [
                {
                  available: true,
                  denominator: 3,
                  name: "operations",
                  numerator: 2,
                  rate: 0.6666666666666666,
                  source: "case"
                },
                {
                  available: true,
                  denominator: 365,
                  name: "moratorium-days",
                  numerator: 0,
                  rate: 0,
                  source: "case"
                }
              ],
              denominator: 3,
              effectiveWeight: 60,
              evidence: [
                "6405da51-70ad-4585-a6d4-cc442708d668",
                "14abc2e1-ef7a-4f22-9e6e-5b4ed31db398",
                "e88c4a46-b41a-4860-8839-dd53ce0133c8",
                "2327c5d2-b06f-4cb0-a993-63e0e42d28c7",
                "0d419c8a-8501-4511-a8ad-5bbca8f36f31",
                "fa0953b8-a957-4a2e-be5b-e4fa9605ca22",
                "16270fbc-2b7c-44c5-b156-e75bca6e80a0"
              ],
              evidenceCount: 7,
              evidenceTruncated: false,
              fallback: null,
              insufficientReason: null,
              label: "Operations executed / (executed + partner-attributable cancellations), less moratorium days",
              normalised: 66.67,
              notes: [
                "3 operations in the period; 0 cancelled for causes not attributable to the partner (not counted)"
              ],
              numerator: 2,
              rate: 0.6666666666666666,
              source: "case",
              weight: 15
            }
          ],
          modelLabel: "Default model: Art. 25a(2) indicators, EU-anchored return rate",
          modelVersion: 1,
          officialFinding: null,
          period: "2023",
          provisional: true,
          quarter: null,
          reason: "insufficient-data",
          reasonDetail: "Required indicator(s) unavailable: B; available weight 25% is below 60%",
          score: null,
          totalWeight: 100,
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
          year: 2023
        },
        visaMeasures: [
          {
            councilActRef: null,
            inForceAtYearEnd: false,
            legalBasis: "25a(5)(a)",
            measureId: "ET-25A-2023",
            proposalRef: "COM(2023) 568",
            provisions: [
              "14(6)",
              "16(5)(b)",
              "23(1)",
              "24(2)",
              "24(2c)"
            ],
            statusAtYearEnd: "proposed",
            steps: [
              {
                eventId: "f9c11d73-9aac-4a0f-bd86-bc3367d6f09a",
                on: "2023-09-27",
                type: "VisaMeasureProposed"
              }
            ]
          }
        ]
      }
    ],
    disclaimer: "Prepared as input for the Commission’s annual Article 25a(2) assessment. Scores are an internal, explainable aid (see each indicator’s numerator, denominator and evidence), not the Commission’s finding, which is shown beside them where known.",
    referenceDate: "2023-12-31",
    title: "Annual assessment of cooperation on return and readmission, 2023",
    year: 2023
  }
};

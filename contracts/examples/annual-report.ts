/*
 * GET /v1/reports/annual/2023?format=json on the demo history (scripts/demo-data) of Ethiopia, the only configured country.
 * Captured from the service by scripts/openapi-read-examples.ts (recording times moved to 2025-01-14).
 * test/integration/http/openapi-examples.test.ts parses each with the schema it illustrates and
 * compares it with a fresh app's answer (event ids, times and hashes aside). Plain values: a
 * `satisfies` against those schemas would make their types circular (the schemas show these).
 */

export const annualReportExample = {
  manifest: {
    asOf: "2025-01-14T09:55:02.369Z",
    contentHash: "91860b6647987ad09e77769cf0f0bdc4654422caada9c264d5fcc18ca7808e13",
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
    reportFormatVersion: 5,
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
            eventId: "24de2a33-522d-4a35-8ad2-0b15c83c332f",
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
            eventId: "8029e198-0d1b-4cce-87d8-cec55affdfb0",
            evidenceStatus: "confirmed",
            occurredOn: "2017-01-15",
            position: 1,
            recordedAt: "2025-01-14T09:55:02.106Z",
            reference: "COM(2023) 568, recitals (negotiated 2017)",
            sourceKind: "commission",
            status: "recorded",
            type: "InstrumentNegotiationOpened",
            url: null
          },
          {
            correctedBy: [],
            eventId: "ede71761-fcb7-4b0f-a0e0-b58095db67b3",
            evidenceStatus: "confirmed",
            occurredOn: "2018-02-05",
            position: 2,
            recordedAt: "2025-01-14T09:55:02.115Z",
            reference: "Admission procedures concluded February 2018 [S13a][S42]",
            sourceKind: "commission",
            status: "recorded",
            type: "InstrumentAgreed",
            url: null
          },
          {
            correctedBy: [],
            eventId: "9c853c38-f171-4297-b5d4-dfac6bdd254c",
            evidenceStatus: "confirmed",
            occurredOn: "2018-02-05",
            position: 3,
            recordedAt: "2025-01-14T09:55:02.126Z",
            reference: "Admission procedures concluded February 2018 [S13a][S42]",
            sourceKind: "commission",
            status: "recorded",
            type: "InstrumentProvisionsApplicable",
            url: null
          },
          {
            correctedBy: [],
            eventId: "72dd5518-f6ca-4382-9460-191dec06182c",
            evidenceStatus: "estimate",
            occurredOn: "2023-02-03",
            position: 14,
            recordedAt: "2025-01-14T09:55:02.219Z",
            reference: "Demo case record: NL-ET-RR-2023-001",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "a6bcf22a-1ec1-4b4e-b8ef-30538819095b",
            evidenceStatus: "estimate",
            occurredOn: "2023-02-24",
            position: 15,
            recordedAt: "2025-01-14T09:55:02.242Z",
            reference: "Demo case record: NL-ET-RR-2023-001",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestAnswered",
            url: null
          },
          {
            correctedBy: [],
            eventId: "630d474d-217b-4061-84d9-8640fdb1bf3d",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-01",
            position: 22,
            recordedAt: "2025-01-14T09:55:02.336Z",
            reference: "Demo case record: NL-ET-OP-2023-1",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationPlanned",
            url: null
          },
          {
            correctedBy: [],
            eventId: "3844f47d-84a1-486a-b29f-8f3f465401d8",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-02",
            position: 29,
            recordedAt: "2025-01-14T09:55:02.353Z",
            reference: "Demo case record: EU travel document 1",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "820e4f7f-7350-454c-b7fc-9454f34c2e02",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-02",
            position: 32,
            recordedAt: "2025-01-14T09:55:02.358Z",
            reference: "Demo case record: EU travel document 4",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "a20c8e27-c08b-476e-9a5c-81e86f28aef4",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-02",
            position: 35,
            recordedAt: "2025-01-14T09:55:02.364Z",
            reference: "Demo case record: EU travel document 7",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "9b5e3e7f-ea33-477c-80ad-59bdb4d772bb",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-02",
            position: 38,
            recordedAt: "2025-01-14T09:55:02.369Z",
            reference: "Demo case record: EU travel document 10",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "bea40ba8-8378-4124-9bbe-fb5b199a123c",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-03",
            position: 16,
            recordedAt: "2025-01-14T09:55:02.250Z",
            reference: "Demo case record: NL-ET-RR-2023-002",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "a246f97c-5a38-4b84-b788-4d300dcd9e35",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-20",
            position: 23,
            recordedAt: "2025-01-14T09:55:02.339Z",
            reference: "Demo case record: NL-ET-OP-2023-1",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationExecuted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "8fb98511-9ad3-4cd9-af6c-0ccbfc2de160",
            evidenceStatus: "estimate",
            occurredOn: "2023-03-24",
            position: 17,
            recordedAt: "2025-01-14T09:55:02.259Z",
            reference: "Demo case record: NL-ET-RR-2023-002",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestAnswered",
            url: null
          },
          {
            correctedBy: [],
            eventId: "f4d89ef7-e84b-4c42-9aac-22856d288c76",
            evidenceStatus: "estimate",
            occurredOn: "2023-04-03",
            position: 18,
            recordedAt: "2025-01-14T09:55:02.270Z",
            reference: "Demo case record: NL-ET-RR-2023-003",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "c8a24e7e-fb74-492c-b8ee-199f1da478c3",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-01",
            position: 24,
            recordedAt: "2025-01-14T09:55:02.342Z",
            reference: "Demo case record: NL-ET-OP-2023-2",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationPlanned",
            url: null
          },
          {
            correctedBy: [],
            eventId: "49c77238-9e5d-4582-9d2b-443e1048afb5",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-02",
            position: 30,
            recordedAt: "2025-01-14T09:55:02.355Z",
            reference: "Demo case record: EU travel document 2",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "015fd47e-5b34-417a-93de-9ebd7d4f3b52",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-02",
            position: 33,
            recordedAt: "2025-01-14T09:55:02.360Z",
            reference: "Demo case record: EU travel document 5",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "9c36d3e1-d9fc-4f9d-9b56-b831210c4f31",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-02",
            position: 36,
            recordedAt: "2025-01-14T09:55:02.366Z",
            reference: "Demo case record: EU travel document 8",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "492304a7-6c4d-463f-8748-a57a1bf61314",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-03",
            position: 19,
            recordedAt: "2025-01-14T09:55:02.285Z",
            reference: "Demo case record: NL-ET-RR-2023-004",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "8b1ee88d-b053-4531-a8d4-7fcd4616d323",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-05",
            position: 25,
            recordedAt: "2025-01-14T09:55:02.344Z",
            reference: "Demo case record: NL-ET-OP-2023-2",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "LandingPermitRequested",
            url: null
          },
          {
            correctedBy: [],
            eventId: "2ea2cc73-00ad-43c1-a242-33fb14d5cc40",
            evidenceStatus: "estimate",
            occurredOn: "2023-05-18",
            position: 26,
            recordedAt: "2025-01-14T09:55:02.348Z",
            reference: "Demo case record: NL-ET-OP-2023-2",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "LandingPermitRefused",
            url: null
          },
          {
            correctedBy: [],
            eventId: "b191918a-40fa-49e8-bc89-09ca964af486",
            evidenceStatus: "estimate",
            occurredOn: "2023-06-03",
            position: 20,
            recordedAt: "2025-01-14T09:55:02.306Z",
            reference: "Demo case record: NL-ET-RR-2023-005",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "24de2a33-522d-4a35-8ad2-0b15c83c332f",
            evidenceStatus: "estimate",
            occurredOn: "2023-06-20",
            position: 6,
            recordedAt: "2025-01-14T09:55:02.174Z",
            reference: "Demo case record: dialogue session 2023",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "DialogueSessionHeld",
            url: null
          },
          {
            correctedBy: [],
            eventId: "d74643a1-6c77-411d-9617-5bf4850aa1a0",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-01",
            position: 27,
            recordedAt: "2025-01-14T09:55:02.350Z",
            reference: "Demo case record: NL-ET-OP-2023-3",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationPlanned",
            url: null
          },
          {
            correctedBy: [],
            eventId: "75f902ee-9860-4697-8d3d-91b1288f7424",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-02",
            position: 31,
            recordedAt: "2025-01-14T09:55:02.356Z",
            reference: "Demo case record: EU travel document 3",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "e2d5b980-4905-4c0e-9b46-8eca66ec4422",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-02",
            position: 34,
            recordedAt: "2025-01-14T09:55:02.362Z",
            reference: "Demo case record: EU travel document 6",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "a86c6612-babe-4942-8533-8ac2fc9eea86",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-02",
            position: 37,
            recordedAt: "2025-01-14T09:55:02.367Z",
            reference: "Demo case record: EU travel document 9",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "EUTravelDocumentPresented",
            url: null
          },
          {
            correctedBy: [],
            eventId: "619678ff-7a1b-4a76-8fd8-b0f574b26715",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-03",
            position: 21,
            recordedAt: "2025-01-14T09:55:02.318Z",
            reference: "Demo case record: NL-ET-RR-2023-006",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReadmissionRequestSubmitted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "6d475093-4056-405d-9f55-d37c033505b5",
            evidenceStatus: "estimate",
            occurredOn: "2023-07-20",
            position: 28,
            recordedAt: "2025-01-14T09:55:02.352Z",
            reference: "Demo case record: NL-ET-OP-2023-3",
            sourceKind: "nl-desk",
            status: "recorded",
            type: "ReturnOperationExecuted",
            url: null
          },
          {
            correctedBy: [],
            eventId: "058858b3-0f02-410b-bfd6-7ee35e5f55f4",
            evidenceStatus: "confirmed",
            occurredOn: "2023-09-27",
            position: 7,
            recordedAt: "2025-01-14T09:55:02.179Z",
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
                eventId: "8029e198-0d1b-4cce-87d8-cec55affdfb0",
                on: "2017-01-15",
                type: "InstrumentNegotiationOpened"
              },
              {
                eventId: "ede71761-fcb7-4b0f-a0e0-b58095db67b3",
                on: "2018-02-05",
                type: "InstrumentAgreed"
              },
              {
                eventId: "9c853c38-f171-4297-b5d4-dfac6bdd254c",
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
              "630d474d-217b-4061-84d9-8640fdb1bf3d",
              "a246f97c-5a38-4b84-b788-4d300dcd9e35"
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
              "c8a24e7e-fb74-492c-b8ee-199f1da478c3",
              "8b1ee88d-b053-4531-a8d4-7fcd4616d323",
              "2ea2cc73-00ad-43c1-a242-33fb14d5cc40"
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
              "d74643a1-6c77-411d-9617-5bf4850aa1a0",
              "6d475093-4056-405d-9f55-d37c033505b5"
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
                "72dd5518-f6ca-4382-9460-191dec06182c",
                "a6bcf22a-1ec1-4b4e-b8ef-30538819095b",
                "bea40ba8-8378-4124-9bbe-fb5b199a123c",
                "8fb98511-9ad3-4cd9-af6c-0ccbfc2de160",
                "f4d89ef7-e84b-4c42-9aac-22856d288c76",
                "492304a7-6c4d-463f-8748-a57a1bf61314",
                "b191918a-40fa-49e8-bc89-09ca964af486",
                "619678ff-7a1b-4a76-8fd8-b0f574b26715"
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
                "72dd5518-f6ca-4382-9460-191dec06182c",
                "a6bcf22a-1ec1-4b4e-b8ef-30538819095b",
                "bea40ba8-8378-4124-9bbe-fb5b199a123c",
                "8fb98511-9ad3-4cd9-af6c-0ccbfc2de160",
                "f4d89ef7-e84b-4c42-9aac-22856d288c76",
                "492304a7-6c4d-463f-8748-a57a1bf61314",
                "b191918a-40fa-49e8-bc89-09ca964af486",
                "619678ff-7a1b-4a76-8fd8-b0f574b26715"
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
                "015fd47e-5b34-417a-93de-9ebd7d4f3b52",
                "3844f47d-84a1-486a-b29f-8f3f465401d8",
                "49c77238-9e5d-4582-9d2b-443e1048afb5",
                "75f902ee-9860-4697-8d3d-91b1288f7424",
                "820e4f7f-7350-454c-b7fc-9454f34c2e02",
                "9b5e3e7f-ea33-477c-80ad-59bdb4d772bb",
                "9c36d3e1-d9fc-4f9d-9b56-b831210c4f31",
                "a20c8e27-c08b-476e-9a5c-81e86f28aef4",
                "a86c6612-babe-4942-8533-8ac2fc9eea86",
                "e2d5b980-4905-4c0e-9b46-8eca66ec4422"
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
                "630d474d-217b-4061-84d9-8640fdb1bf3d",
                "a246f97c-5a38-4b84-b788-4d300dcd9e35",
                "c8a24e7e-fb74-492c-b8ee-199f1da478c3",
                "8b1ee88d-b053-4531-a8d4-7fcd4616d323",
                "2ea2cc73-00ad-43c1-a242-33fb14d5cc40",
                "d74643a1-6c77-411d-9617-5bf4850aa1a0",
                "6d475093-4056-405d-9f55-d37c033505b5"
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
                eventId: "058858b3-0f02-410b-bfd6-7ee35e5f55f4",
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

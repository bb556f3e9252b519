"""The Swedish translations, kept as a table and written to the gettext catalogue
(sim/locale/sv/LC_MESSAGES/steersim.po) by ``python tools/sv_messages.py``. A test checks
that every message the code marks has a translation here."""

SV = {
    "felt trust": "upplevd tillit", "motivation": "motivation", "strain": "belastning",
    "citizens' trust": "medborgarnas tillit",
    "quality": "kvalitet", "with clients": "med klienter",
    "indicators": "indikatorer", "targets": "mål", "pay": "prestationslön", "monitoring": "uppföljning",
    "audits": "granskningar", "documentation": "dokumentation", "discretion": "handlingsutrymme",
    "support": "stöd", "scandal": "skandal", "reform to trust": "reform till tillit",
    "pilot in unit {unit}": "försök i enhet {unit}", "week {n}": "vecka {n}",
    "staff coloured by {what}": "personal färgad efter {what}",
    "red ring: pilot unit; squares: managers (their trust in staff); top: the board":
        "röd ring: försöksenhet; rutor: chefer (deras tillit till personalen); överst: nämnden",
    "Pause": "Paus", "Play": "Spela", "Step": "Steg",
    "charts": "diagram", "organisation": "organisation", "set-up": "inställningar",
    "left": "vänster", "right": "höger", "seed": "slumpfrö", "pilot unit": "försöksenhet",
    "Lessons:": "Lektioner:", "Ask first": "Fråga först", "Notice": "Lägg märke till", "Set-up": "Upplägg",
    "Two regimes, the same people": "Två styrsätt, samma människor",
    "NPM on the left, trust-based steering on the right, the same staff and citizens (the same seed); "
    "Play for three years.":
        "NPM till vänster, tillitsbaserad styrning till höger, samma personal och medborgare (samma "
        "slumpfrö); spela i tre år.",
    "Which organisation serves its citizens better, and which looks better on paper?":
        "Vilken organisation ger medborgarna bäst service, och vilken ser bäst ut på papperet?",
    "Trust's staff spend more of their week with clients, NPM's more on administration.":
        "Personalen under tillit ägnar mer av veckan åt klienterna, NPM:s mer åt administration.",
    "Trust has a cost: like cases are treated less alike (unequal treatment is higher).":
        "Tillit har ett pris: lika fall behandlas mindre lika (olikbehandlingen är högre).",
    "A scandal": "En skandal",
    "Trust-based steering on both sides; a scandal hits the right side in week 26.":
        "Tillitsbaserad styrning på båda sidor; en skandal drabbar höger sida vecka 26.",
    "Point-chasing (pinnjakt)": "Pinnjakt",
    "Trust-based steering on both sides; in week 26 the right side gets 40 indicators, targets pressed "
    "hard (0.9) and incentive pay (0.6).":
        "Tillitsbaserad styrning på båda sidor; vecka 26 får höger sida 40 indikatorer, hårt drivna mål "
        "(0,9) och prestationslön (0,6).",
    "Do the figures and the service move together?": "Följs siffrorna och servicen åt?",
    "Staff on the right spend less time with clients and more on administration.":
        "Personalen till höger ägnar mindre tid åt klienter och mer åt administration.",
    "An imposed reform": "En påtvingad reform",
    "NPM on both sides; in week 26 the right side is switched to trust-based steering from above "
    "(not co-created).":
        "NPM på båda sidor; vecka 26 ställs höger sida om till tillitsbaserad styrning uppifrån (inte "
        "samskapat).",
    "How soon does a reform to trust pay off?": "Hur snart lönar sig en reform till tillit?",
    "A pilot in one unit": "Ett försök i en enhet",
    "NPM on both sides; in week 26 unit 0 on the right becomes a trust pilot (outlined in red in the "
    "organisation picture).":
        "NPM på båda sidor; vecka 26 blir enhet 0 till höger ett tillitsförsök (rödmarkerad i "
        "organisationsbilden).",
    "Would the pilot show in the organisation's figures?": "Skulle försöket synas i organisationens siffror?",
    "In the organisation picture (colour: felt trust), the pilot unit's staff feel more trusted than "
    "the other units'.":
        "I organisationsbilden (färg: upplevd tillit) känner sig försöksenhetens personal mer betrodd än "
        "de andra enheternas.",
    "# Teaching with steersim: a 45-minute lesson": "# Undervisa med steersim: en lektion på 45 minuter",
    "Timing: 5 minutes to introduce the two sides and the charts; about 7 minutes per experiment "
    "(predict, play, discuss); 5 minutes to close with what the model leaves out: it is a model of "
    "mechanisms from the research, not a forecast for your organisation.":
        "Tidsplan: 5 minuter för att presentera de två sidorna och diagrammen; omkring 7 minuter per "
        "experiment (gissa, spela, diskutera); 5 minuter på slutet om vad modellen utelämnar: den är en "
        "modell av mekanismer från forskningen, inte en prognos för er organisation.",
    "{x:+.1f} points": "{x:+.1f} procentenheter",
    "Under {alt}, {label} {verb} from {base} to {new} ({d}; 95% CI over seeds {lo} to {hi}).":
        "Under {alt} {verb} {label} från {base} till {new} ({d}; 95 % KI över slumpfrön {lo} till {hi}).",
    "rose": "steg", "fell": "sjönk",
    "Under {alt}, {label} shows no clear difference ({base} vs {new}; the 95% CI over seeds includes zero).":
        "Under {alt} visar {label} ingen tydlig skillnad ({base} mot {new}; 95 % KI över slumpfrön "
        "innehåller noll).",
    "These intervals cover chance only (different random draws in one world). Whether the result "
    "survives other plausible assumptions about people and mechanisms is not shown here: run "
    "`steersim compare --uncertainty 100` or `steersim robustness`.":
        "Dessa intervall täcker bara slumpen (olika slumpdragningar i en värld). Om resultatet håller "
        "under andra rimliga antaganden om människor och mekanismer visas inte här: kör `steersim "
        "compare --uncertainty 100` eller `steersim robustness`.",
    "In plain words": "I klartext", "What was compared": "Vad som jämfördes", "scenario": "scenario",
    "description": "beskrivning", "file": "fil", "events": "händelser",
    "Inputs that differ from {b}:": "Indata som skiljer sig från {b}:", "input": "indata",
    "this scenario": "detta scenario", "unit": "enhet", "Outcomes over time": "Utfall över tid",
    "Key outcomes over time: mean over seeds and 95% band":
        "Viktiga utfall över tid: medelvärde över slumpfrön och 95 %-band",
    "Differences: {a} - {b}": "Skillnader: {a} - {b}", "metric": "mått", "difference": "skillnad",
    "95% CI over seeds": "95 % KI över slumpfrön", "5-95% over worlds": "5-95 % över världar",
    "worlds where higher": "världar där högre", "Pilot evaluation: {name}": "Utvärdering av försöket: {name}",
    "Pilot units {units} from week {start} against the other units, before and after: a "
    "difference-in-differences estimate, as an evaluator would make it, beside the pilot's true effect "
    "on its units, which only a model can give (the same world without the pilot, same seeds).":
        "Försöksenheterna {units} från vecka {start} mot de andra enheterna, före och efter: en "
        "skillnad-i-skillnader-skattning som en utvärderare skulle göra den, bredvid försökets verkliga "
        "effekt på sina enheter, som bara en modell kan ge (samma värld utan försöket, samma slumpfrön).",
    "unit-level metric": "mått per enhet", "DiD estimate": "DiD-skattning", "true effect": "verklig effekt",
    "Pilot units and the other units over time": "Försöksenheterna och de andra enheterna över tid",
    "How to read this": "Så läser du detta",
    "The model and its sources: docs/ODD.md and docs/science.md in steersim.":
        "Modellen och dess källor: docs/ODD.md och docs/science.md i steersim.",
    "Scenarios: {names}. {n} runs each ({seeds}, common random numbers), {steps} weeks. Lines: mean "
    "over seeds; dark bands: 95% CI of the mean over seeds.":
        "Scenarier: {names}. {n} körningar vardera ({seeds}, gemensamma slumptal), {steps} veckor. "
        "Linjer: medelvärde över slumpfrön; mörka band: 95 % KI för medelvärdet.",
    "Light bands on the right: each scenario's final-year level over plausible worlds "
    "(5th-95th percentile).":
        "Ljusa band till höger: varje scenarios nivå under sista året över rimliga världar "
        "(5:e-95:e percentilen).",
    "week": "vecka", "1 step = 1 week": "1 steg = 1 vecka",
    # metric names (reports and figures)
    "service quality": "servicekvalitet", "complex need quality": "kvalitet vid sammansatta behov",
    "simple need quality": "kvalitet vid enkla behov", "measured quality": "mätt kvalitet",
    "unmeasured quality": "omätt kvalitet", "reported performance": "rapporterad prestation",
    "reported outcomes": "rapporterade resultat", "tickbox compliance": "avbockade krav",
    "work quality": "arbetets kvalitet", "gaming gap": "glapp rapporterat-verkligt",
    "manipulation": "manipulation", "measured focus": "fokus på det mätta", "admin share": "andel administration",
    "direct time share": "andel tid med klienter", "development share": "andel utvecklingstid",
    "collaboration share": "andel samverkan", "learning share": "andel lärande",
    "manager admin share": "chefers andel administration", "overhead share": "andel centrala tjänster",
    "citizen satisfaction": "medborgarnas nöjdhet", "citizen trust": "medborgarnas tillit",
    "take up": "nyttjande", "staff motivation": "personalens motivation", "turnover": "personalomsättning",
    "skill": "kompetens", "low motivation staff": "andel lågmotiverad personal", "manager trust": "chefers tillit",
    "politician trust": "politikers tillit", "control drift": "kontrolldrift",
    "indicator validity": "indikatorernas validitet", "bunching": "klumpning vid målet",
    "below target": "under målet", "serious errors": "allvarliga fel", "cost per case": "kostnad per ärende",
    "cost per quality": "kostnad per kvalitet", "incidents": "incidenter", "rules": "regler",
    "dead rule share": "andel döda regler", "practice drift": "praxisdrift", "change load": "förändringsbörda",
    # units
    "score 0-1": "poäng 0-1", "share": "andel", "share of frontline hours": "andel av arbetstiden",
    "share per year": "andel per år", "count": "antal", "score SD": "poäng SD",
    # the comparison report, its figure and what `compare --lang sv` prints (issue 31)
    "{label} is higher under {alt} than under {base} ({new} against {old}; difference {d}, 95% CI over "
    "seeds {lo} to {hi}).":
        "{label} är högre under {alt} än under {base} ({new} mot {old}; skillnad {d}, 95 % KI över "
        "slumpfrön {lo} till {hi}).",
    "{label} is lower under {alt} than under {base} ({new} against {old}; difference {d}, 95% CI over "
    "seeds {lo} to {hi}).":
        "{label} är lägre under {alt} än under {base} ({new} mot {old}; skillnad {d}, 95 % KI över "
        "slumpfrön {lo} till {hi}).",
    "{label}: no clear difference between {alt} and {base} ({new} against {old}; the 95% CI over seeds, "
    "{lo} to {hi}, includes zero).":
        "{label}: ingen tydlig skillnad mellan {alt} och {base} ({new} mot {old}; 95 % KI över slumpfrön, "
        "{lo} till {hi}, innehåller noll).",
    "{label} is {new} under {alt} and {old} under {base} (difference {d}; one seed, so no CI over seeds).":
        "{label} är {new} under {alt} och {old} under {base} (skillnad {d}; ett slumpfrö, så inget KI över "
        "slumpfrön).",
    "{x} points": "{x} procentenheter",
    "In all {n} plausible worlds the difference is 0.": "I alla {n} rimliga världar är skillnaden 0.",
    "Over {n} plausible worlds the difference ranges from {p5} to {p95}; {alt} gives the higher value in "
    "{share}% of them (95% CI {lo}-{hi}%){driver}.":
        "Över {n} rimliga världar varierar skillnaden från {p5} till {p95}; {alt} ger det högre värdet i "
        "{share}\u00a0% av dem (95 % KI {lo}-{hi}\u00a0%){driver}.",
    "Over plausible worlds, {alt} gives higher service quality than {base} in {share}% of them{sure}{driver}.":
        "Över rimliga världar ger {alt} högre servicekvalitet än {base} i {share}\u00a0% av dem{sure}{driver}.",
    ", so the sign depends on assumptions the evidence does not settle":
        ", så tecknet beror på antaganden som forskningen inte avgör",
    "; it turns mainly on {driver}": "; det avgörs främst av {driver}",
    "; no single input stands out over so few worlds (`steersim robustness` samples more)":
        "; ingen enskild indata sticker ut över så få världar (`steersim robustness` drar fler)",
    "over {n} plausible worlds: service quality {alt} - {base} from {p5} to {p95} (5th-95th percentile); "
    "{alt} higher in {share}% of worlds [{lo}, {hi}]{driver}":
        "över {n} rimliga världar: servicekvalitet {alt} - {base} från {p5} till {p95} (5:e-95:e "
        "percentilen); {alt} högre i {share}\u00a0% av världarna [{lo}; {hi}]{driver}",
    "vs": "mot",
    "{alt} - {base}  ({n} paired seeds, {steps} weeks, mean over the last {window} weeks)":
        "{alt} - {base}  ({n} parade slumpfrön, {steps} veckor, medelvärde över de sista {window} veckorna)",
    "difference [95% CI over seeds]": "skillnad [95 % KI över slumpfrön]",
    "[no CI: one seed]": "[inget KI: ett slumpfrö]",
    "* the 95% CI over seeds excludes zero (chance alone; it says nothing about whether the model's "
    "assumptions hold: see `steersim robustness`)":
        "* 95 % KI över slumpfrön utesluter noll (slumpen ensam; det säger inget om huruvida modellens "
        "antaganden håller: se `steersim robustness`)",
    "pilot {name}: service quality in pilot units vs the others, difference-in-differences {did} "
    "[{did_low}, {did_high}]; true effect {true} [{true_low}, {true_high}]":
        "försök {name}: servicekvalitet i försöksenheterna mot de andra, skillnad-i-skillnader {did} "
        "[{did_low}; {did_high}]; verklig effekt {true} [{true_low}; {true_high}]",
    "report: {page} (and report.md); figure: {figure}": "rapport: {page} (och report.md); figur: {figure}",
    "series and tables: {folder}": "serier och tabeller: {folder}",
    "all units": "alla enheter", "units {units}": "enheterna {units}", "co-created": "samskapad",
    "imposed": "påtvingad",
    "week {week}: {label} in {where} ({how}; {n} levers)": "vecka {week}: {label} i {where} ({how}; {n} styrmedel)",
    "week {week}: {label}, severity {severity} in unit {unit}":
        "vecka {week}: {label}, allvarlighet {severity} i enhet {unit}",
    "week {week}: budget {change}": "vecka {week}: budget {change}",
    "week {week}: {label} ({share})": "vecka {week}: {label} ({share})",
    "95% CI": "95 % KI",
    "Pilot {name}: pilot units vs other units": "Försök {name}: försöksenheter mot övriga enheter",
    "pilot units": "försöksenheter", "other units": "övriga enheter",
    "The model and its sources: ODD.md (the model, described by the ODD protocol) and science.md (the "
    "evidence), installed with steersim in {folder}.":
        "Modellen och dess källor: ODD.md (modellen, beskriven enligt ODD-protokollet) och science.md "
        "(forskningsläget), installerade med steersim i {folder}.",
    "seeds {a}-{b}": "slumpfrön {a}-{b}", "seed {a}": "slumpfrö {a}",
    # the presets' descriptions
    "New Public Management: many indicators, hard targets, control audits, incentive pay":
        "New Public Management: många indikatorer, hårda mål, kontrollerande granskning, prestationslön",
    "Trust-based steering: few indicators, discretion, support, learning inspection":
        "Tillitsbaserad styrning: få indikatorer, handlingsutrymme, stöd, lärande granskning",
    "Trust rhetoric on NPM metrics: discretion and support promised, targets kept":
        "Tillitsretorik ovanpå NPM:s mått: handlingsutrymme och stöd utlovas, målen behålls",
    "Trust with follow-up: discretion and support, a few agreed indicators, learning audits":
        "Tillit med uppföljning: handlingsutrymme och stöd, några överenskomna indikatorer, lärande granskning",
    "NPM, with a trust-based pilot in units 0 and 1 from week 52":
        "NPM, med ett tillitsbaserat försök i enhet 0 och 1 från vecka 52",
    "NPM, then an imposed switch to trust-based steering in week 104":
        "NPM, sedan ett påtvingat byte till tillitsbaserad styrning vecka 104",
    "Classic bureaucracy: rules and documentation, little discretion, no incentive pay":
        "Klassisk byråkrati: regler och dokumentation, litet handlingsutrymme, ingen prestationslön",
    "NPM with a severe incident (severity 0.9) in unit 0 in week 104":
        "NPM med en allvarlig incident (allvarlighet 0,9) i enhet 0 vecka 104",
    # metric names and units not above (every metric's name and unit is shown in the report;
    # tests/test_swedish.py checks they all have one)
    "unequal treatment": "olikbehandling", "unpaid overtime": "obetald övertid", "share of core time": "andel av kärntiden",
    "share of manager hours": "andel av chefernas arbetstid", "share of all staff": "andel av all personal",
    "correlation -1..1": "korrelation -1..1", "per 1,000 cases": "per 1\u00a0000 ärenden",
    "salaries per case": "löner per ärende", "salaries per quality-adjusted case": "löner per kvalitetsjusterat ärende",
    "count per week": "antal per vecka", "signed lean": "riktad lutning", "load": "börda",
    "hours/case": "timmar/ärende", "choice": "val",
    # progress lines
    "runs": "körningar", "worlds": "världar", "seeds": "slumpfrön",
    "batches of up to {n} runs": "batcher om upp till {n} körningar", "plausible worlds": "rimliga världar",
    "history matching: sampled worlds": "historiematchning: dragna världar", "simulated pilots": "simulerade försök",
    "done in {time}": "klart på {time}", "about {time} left": "cirka {time} kvar",
    "waiting for the first to finish": "väntar på att den första blir klar",
    "{label}: {done}/{total} {units} ({share}), {rate} {units}/s, {tail}":
        "{label}: {done}/{total} {units} ({share}), {rate} {units}/s, {tail}",
    # the report's method line, as the code now has it ({window}, not 52)
    "{n} runs per scenario (seeds {a}-{b}), {steps} weeks, the same seeds for every scenario "
    "(common random numbers), so differences are the regimes', not chance. Each run starts from"
    " the organisation's history (a steady state). Outcomes are means over the last {window} "
    "weeks.":
        "{n} körningar per scenario (slumpfrö {a}-{b}), {steps} veckor, samma slumpfrön för varje "
        "scenario (gemensamma slumptal), så skillnaderna beror på styrsätten, inte på slumpen. "
        "Varje körning börjar i organisationens historia (ett jämviktsläge). Utfallen är "
        "medelvärden över de sista {window} veckorna.",
    # the classroom page (issue 30): controls, charts, lessons, explanations
    "{n}%": "{n} %",
    "seed {n}": "slumpfrö {n}",
    "Week 0: one organisation on both sides, after {years} years of {regime} ({rules} rules, "
    "{indicators} indicators in force).":
        "Vecka 0: samma organisation på båda sidor, efter {years} år av {regime} ({rules} regler, "
        "{indicators} indikatorer i bruk).",
    "From week 1 each side's levers steer; changing course costs time at first, so time with clients "
    "and results dip.":
        "Från vecka 1 styr varje sidas reglage; att byta kurs tar först tid, så tiden med klienter och "
        "resultaten sjunker.",
    "All charts": "Alla diagram",
    "The lesson's charts": "Lektionens diagram",
    "Save PNG": "Spara PNG",
    "Save CSV": "Spara CSV",
    "The charts on screen as a picture, with the sides, the seed and the week, for a handout.":
        "Diagrammen på skärmen som en bild, med sidorna, slumpfröet och veckan, att dela ut.",
    "Every chart's series, week by week, as a table for a spreadsheet.":
        "Alla diagrams serier, vecka för vecka, som en tabell för ett kalkylblad.",
    "Restart": "Börja om",
    "Default comparison": "Standardjämförelse",
    "weeks/s": "veckor/s",
    "A severe incident in unit {unit} next week, in the news: the politicians may react.":
        "En allvarlig händelse i enhet {unit} nästa vecka, i nyheterna: politikerna kan reagera.",
    "This side switches to trust-based steering next week, imposed from above.":
        "Den här sidan går över till tillitsbaserad styrning nästa vecka, beslutat uppifrån.",
    "Unit {unit} on this side becomes a trust pilot next week (outlined in red in the "
    "organisation picture).":
        "Enhet {unit} på den här sidan blir ett tillitsförsök nästa vecka (inringad med rött i "
        "organisationsbilden).",
    "Hide answers": "Dölj svaren",
    "Show answers": "Visa svar",
    "large text (projector)": "stor text (projektor)",
    "NPM": "NPM",
    "trust-based": "tillitsbaserad",
    "hybrid": "hybrid",
    "balanced trust": "tillit med uppföljning",
    "rule-based": "regelstyrd",
    "NPM with a trust pilot": "NPM med ett tillitsförsök",
    "NPM, then reform": "NPM, sedan reform",
    "NPM with a scandal": "NPM med en skandal",
    "NPM with hard targets": "NPM med hårda mål",
    "trust with a budget cut": "tillit med en budgetnedskärning",
    "half the indicators, audits kept": "halva indikatorerna, granskningen kvar",
    "conflicting signals": "motstridiga signaler",
    "Kalmar: fewer goals, more discretion": "Kalmar: färre mål, mer handlingsutrymme",
    "rule clean-up": "regelrensning",
    "scandals and a control spiral": "skandaler och en kontrollspiral",
    "targets on four measures": "mål på fyra mått",
    "co-created reform on all levels": "samskapad reform på alla nivåer",
    "Västernorrland pilot": "försöket i Västernorrland",
    "English": "engelska",
    "Swedish": "svenska",
    "budget change": "budgetändring",
    "rules cut": "regler strukna",
    "{name}, left": "{name}, vänster",
    "{name}, right": "{name}, höger",
    ".": ",",
    "what the staff actually achieve on the tasks the indicators measure: the reported score less the "
    "gaming gap. The work no indicator counts is not in it (see true service quality)":
        "vad personalen faktiskt uppnår i de uppgifter som indikatorerna mäter: det rapporterade "
        "resultatet minus glappet från fusk och friserade siffror. Arbete som ingen indikator räknar "
        "ingår inte (se verklig kvalitet i tjänsten)",
    "True service quality": "Verklig kvalitet i tjänsten",
    "score 0–1": "poäng 0–1",
    "Indicator results": "Indikatorernas resultat",
    "actually achieved": "faktiskt uppnått",
    "reported": "rapporterat",
    "Reported − achieved on the indicators": "Rapporterat − uppnått i indikatorerna",
    "score points": "poäng",
    "Staff time": "Personalens tid",
    "% of working hours": "% av arbetstiden",
    "administration": "administration",
    "Staff leaving": "Personal som slutar",
    "% per year": "% per år",
    "Staff trust and motivation": "Personalens tillit och motivation",
    "Control added after incidents": "Kontroll som lagts till efter händelser",
    "Rules in force": "Regler i kraft",
    "number": "antal",
    "Indicators in force": "Indikatorer i bruk",
    "Unequal treatment": "Olikbehandling",
    "SD of quality": "kvalitetens standardavvikelse",
    "leaving/year": "slutar/år",
    "Watch": "Titta på",
    "NPM's indicators show better results: its reported line (dashed) in \"Indicator results\" is higher.":
        "NPM:s indikatorer visar bättre resultat: dess rapporterade linje (streckad) i "
        "”Indikatorernas resultat” ligger högre.",
    "NPM's reports run further ahead of what its staff actually achieve: its line in "
    "\"Reported − achieved\" is higher.":
        "NPM:s rapporter ligger längre före det personalen faktiskt uppnår: dess linje i "
        "”Rapporterat − uppnått” ligger högre.",
    "NPM's staff do achieve more on the measured tasks (solid line), yet the true service quality is "
    "higher under trust: under NPM the work no indicator counts gets less time.":
        "NPM:s personal uppnår verkligen mer i de uppgifter som mäts (heldragen linje), men den "
        "verkliga kvaliteten i tjänsten är ändå högre med tillit: under NPM får det arbete som ingen "
        "indikator räknar mindre tid.",
    "What do politicians do after a scandal, and does it change the service or the citizens' trust?":
        "Vad gör politikerna efter en skandal, och ändrar det servicen eller medborgarnas tillit?",
    "The politicians react at once: the control they add after incidents jumps on the right.":
        "Politikerna reagerar direkt: kontrollen de lägger till efter händelser rusar uppåt på höger sida.",
    "It fades slowly: two years after the scandal the right side still has more of it.":
        "Den klingar av långsamt: två år efter skandalen har höger sida fortfarande mer av den.",
    "The extra control buys no better service: the two sides' true service quality stays together.":
        "Den extra kontrollen ger ingen bättre service: de två sidornas verkliga kvalitet i tjänsten "
        "håller ihop.",
    "Citizens' trust hardly moves: the two sides' numbers at the top stay within two points of each other.":
        "Medborgarnas tillit rör sig knappt: sidornas siffror högst upp skiljer sig aldrig mer än "
        "två procentenheter.",
    "The right side's reported results (dashed) rise.":
        "Höger sidas rapporterade resultat (streckad linje) stiger.",
    "What it actually achieves on the measured tasks (solid) rises too, yet its true service quality "
    "falls behind the left's: the work no indicator counts pays for it.":
        "Det den faktiskt uppnår i de uppgifter som mäts (heldragen) stiger också, men dess verkliga "
        "kvalitet i tjänsten hamnar efter vänster sidas: det arbete som ingen indikator räknar får "
        "betala.",
    "The gap between reported and achieved grows on the right.":
        "Glappet mellan rapporterat och uppnått växer på höger sida.",
    "Right after the switch, time with clients on the right dips a little for a few weeks: the "
    "change itself takes the staff's time.":
        "Direkt efter omställningen sjunker tiden med klienter på höger sida lite under några veckor: "
        "själva förändringen tar personalens tid.",
    "Quality on the right dips at first.": "Kvaliteten på höger sida dyker först.",
    "Felt trust on the right (solid) keeps climbing for years: it is higher after three years "
    "than after one.":
        "Den upplevda tilliten på höger sida (heldragen) fortsätter att stiga i åratal: den är "
        "högre efter tre år än efter ett.",
    "After three years the right side is ahead on quality.":
        "Efter tre år ligger höger sida före i kvalitet.",
    "The organisation's true service quality hardly moves: the two lines stay together. One "
    "unit in twenty is too small to show in the totals.":
        "Organisationens verkliga kvalitet rör sig knappt: de två linjerna håller ihop. En enhet av"
        " tjugo är för liten för att synas i helheten.",
    "Start the page with `steersim viz` (add `--lang sv` for Swedish) and open "
    "http://127.0.0.1:8765 on the projector; it needs no network. One step is one week. The "
    "left and right sides are the same organisation with the same staff and citizens (the same "
    "seed), so every difference on screen comes from how it is steered. Both start in week 0 "
    "from what decades of NPM left behind (its rules and indicators in force); from week 1 each"
    " side's own levers steer.":
        "Starta sidan med `steersim viz` (lägg till `--lang sv` för svenska) och öppna "
        "http://127.0.0.1:8765 på projektorn; den behöver inget nätverk. Ett steg är en vecka. "
        "Vänster och höger sida är samma organisation med samma personal och medborgare (samma "
        "slumpfrö), så varje skillnad på skärmen kommer från hur den styrs. Båda börjar vecka 0 med"
        " det som årtionden av NPM lämnat efter sig (dess regler och indikatorer i bruk); från "
        "vecka 1 styr varje sidas egna reglage.",
    "Each experiment below is a button under \"Lessons\" on the page: it sets both sides up at "
    "week 0, shows the question and the charts to watch; press Play, and \"Show answers\" when "
    "the class has guessed. \"Restart\" runs the same experiment again from week 0; \"Default "
    "comparison\" goes back to NPM against trust. Every statement under \"Notice\" can be seen on "
    "the page: the project's tests run each experiment in a browser and measure it on the "
    "chart, in pixels.":
        "Varje experiment nedan är en knapp under ”Lektioner” på sidan: den ställer in båda sidor "
        "vid vecka 0 och visar frågan och diagrammen att titta på; tryck på Spela, och på ”Visa "
        "svar” när klassen har gissat. ”Börja om” kör samma experiment igen från vecka 0; "
        "”Standardjämförelse” går tillbaka till NPM mot tillit. Varje påstående under ”Lägg märke "
        "till” syns på sidan: projektets tester kör varje experiment i en webbläsare och mäter det "
        "i diagrammet, i pixlar.",
    "Hover over (or tap) a lever or a chart for a one-sentence explanation. \"Save PNG\" and "
    "\"Save CSV\" give a picture of the charts and their data for a handout.":
        "Håll pekaren över (eller tryck på) ett reglage eller ett diagram för en förklaring i en "
        "mening. ”Spara PNG” och ”Spara CSV” ger en bild av diagrammen och deras data att dela ut.",
    "true quality of an average case as the citizen gets it (complex ones included)":
        "verklig kvalitet i ett genomsnittligt ärende så som medborgaren får det (komplexa ärenden "
        "inräknade)",
    "reported score on the outcome indicators": "rapporterat resultat på resultatindikatorerna",
    "reported outcome score minus the true quality of what it measures (after gaming's harm to "
    "the case): what the official figures show above what citizens get on the same measure "
    "(England's A&E target: 96% within 4 hours officially, 77% in patient surveys)":
        "rapporterat resultat minus den verkliga kvaliteten i det som mäts (efter skadan som fusket"
        " gör på ärendet): hur mycket bättre de officiella siffrorna är än det medborgarna får på "
        "samma mått (Englands akutmål: 96 % inom 4 timmar officiellt, 77 % i patientenkäter)",
    "direct client work (core time)": "direkt arbete med klienter (kärntid)",
    "documentation, reporting, compliance and audit preparation":
        "dokumentation, rapportering, regelefterlevnad och förberedelser för granskning",
    "share of frontline staff who left over the last 52 weeks":
        "andel av personalen i första linjen som slutat de senaste 52 veckorna",
    "mean trust frontline staff feel from their managers":
        "den tillit personalen i första linjen i genomsnitt känner från sina chefer",
    "mean intrinsic motivation of frontline staff":
        "genomsnittlig inre motivation hos personalen i första linjen",
    "extra control the board has added after incidents":
        "extra kontroll som nämnden har lagt till efter händelser",
    "rules in force, useful and dead": "regler i kraft, användbara och döda",
    "indicators in force (lever plus those added after incidents)":
        "indikatorer i bruk (reglaget plus de som lagts till efter händelser)",
    "spread of quality among citizens with like needs served this week (SD)":
        "spridningen i kvalitet mellan medborgare med lika behov som fått service denna vecka "
        "(standardavvikelse)",
    "mean trust of citizens in the service": "medborgarnas genomsnittliga tillit till verksamheten",
    "performance indicators followed up from the top": "resultatindikatorer som följs upp uppifrån",
    "how hard targets on the indicators are pressed (0 none, 1 league tables and sanctions)":
        "hur hårt målen på indikatorerna drivs (0 inte alls, 1 rankningar och sanktioner)",
    "share of funding or pay tied to measured output (payment model)":
        "andel av finansiering eller lön som är knuten till mätt prestation (ersättningsmodell)",
    "manager monitoring and detailed follow-up": "chefernas kontroll och detaljerade uppföljning",
    "audit intensity: probability that a worker's reports are checked against the real work within a month":
        "granskningens intensitet: sannolikheten att en medarbetares rapporter jämförs med det "
        "verkliga arbetet inom en månad",
    "documentation and reporting required per case (Brå: about 1 h per police case)":
        "dokumentation och rapportering som krävs per ärende (Brå: ungefär 1 timme per polisärende)",
    "decision room delegated to the frontline (handlingsutrymme)":
        "handlingsutrymme som delegerats till första linjen",
    "professional and psychosocial support close to the core work (support staff)":
        "professionellt och psykosocialt stöd nära kärnverksamheten (stödpersonal)",
    "{n} h/case": "{n} tim/ärende",
    "{lever}: {value}": "{lever}: {value}",
    "{name}, week {n}": "{name}, vecka {n}",
    "point-chasing": "pinnjakt",
    "Fewer charts": "Färre diagram",
}


def write(path="sim/locale/sv/LC_MESSAGES/steersim.po") -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    catalog = Catalog(locale="sv", project="steersim", charset="utf-8")
    for english, swedish in SV.items():
        catalog.add(english, swedish)
    with open(path, "wb") as f:
        write_po(f, catalog, width=100, omit_header=False)


if __name__ == "__main__":
    write()

"""Offline generator of LC-QuAD-2.0-like rows (Wikidata SPARQL + the question it answers).

The model card being reproduced trained all-MiniLM-L6-v2 on (sparql_wikidata, question)
pairs from LC-QuAD 2.0. That dataset is not available offline, so this module synthesises
rows with the same shape: queries written with the dataset's own templates (including its
quirks of case and spacing) over a hand-written catalogue of Wikidata entities and
properties, and questions that name entities by label and properties by natural wording
while the query holds only ids. A minority of questions keep the machine-like NNQT brace
form or carry small noise, as in the real data.

The catalogue uses real Wikidata ids where they are well known; a few are merely plausible.
Every id is used consistently, which is all the task needs.
"""

from __future__ import annotations

import random
from typing import NamedTuple


class Prop(NamedTuple):
    """A property with the entity types it links, so generated queries are type-consistent.

    ``subj`` and ``obj`` hold entity-type names (keys of ENTITIES) or, for ``obj``, one of
    the literal kinds in LITERAL_KINDS. ``wh`` and ``ask`` are optional verb phrasings
    ("Where was {s} born?", "Was {s} born in {o}?") that read more naturally than the
    generic noun forms. ``span`` is (low, high, decimals) for numeric values.
    A pid may appear in several entries with different type signatures.
    """

    pid: str
    label: str
    subj: tuple[str, ...]
    obj: tuple[str, ...]
    nouns: tuple[str, ...]
    wh: str = ""
    ask: str = ""
    span: tuple[float, float, int] | None = None


LITERAL_KINDS = ("number", "date", "string")

# Class entities used in `?x wdt:P31 wd:Q..` constraints, per entity type.
CLASSES: dict[str, tuple[tuple[str, str], ...]] = {
    "human": (("Q5", "human"),),
    "country": (("Q6256", "country"), ("Q3624078", "sovereign state")),
    "city": (("Q515", "city"), ("Q1549591", "big city")),
    "region": (("Q107390", "federated state"),),
    "continent": (("Q5107", "continent"),),
    "company": (("Q4830453", "business"), ("Q783794", "company")),
    "university": (("Q3918", "university"),),
    "org": (("Q43229", "organization"), ("Q484652", "international organization")),
    "party": (("Q7278", "political party"),),
    "club": (("Q476028", "association football club"),),
    "team": (("Q12973014", "sports team"),),
    "league": (("Q623109", "sports league"),),
    "film": (("Q11424", "film"),),
    "book": (("Q7725634", "literary work"), ("Q47461344", "written work")),
    "painting": (("Q3305213", "painting"),),
    "tvseries": (("Q5398426", "television series"),),
    "band": (("Q215380", "musical group"), ("Q5741069", "rock band")),
    "element": (("Q11344", "chemical element"),),
    "compound": (("Q11173", "chemical compound"), ("Q12140", "medication")),
    "disease": (("Q12136", "disease"),),
    "occupation": (("Q28640", "profession"), ("Q12737077", "occupation")),
    "award": (("Q618779", "award"),),
    "language": (("Q34770", "language"), ("Q1288568", "modern language")),
    "currency": (("Q8142", "currency"),),
    "musicgenre": (("Q188451", "music genre"),),
    "filmgenre": (("Q201658", "film genre"),),
    "litgenre": (("Q223393", "literary genre"),),
    "religion": (("Q9174", "religion"),),
    "river": (("Q4022", "river"),),
    "mountain": (("Q8502", "mountain"),),
    "planet": (("Q634", "planet"),),
    "war": (("Q198", "war"),),
    "event": (("Q1656682", "event"),),
    "position": (("Q4164871", "position"), ("Q294414", "public office")),
    "sport": (("Q349", "sport"),),
    "software": (("Q7397", "software"), ("Q9135", "operating system")),
    "proglang": (("Q9143", "programming language"),),
    "videogame": (("Q7889", "video game"),),
    "building": (("Q41176", "building"), ("Q570116", "tourist attraction")),
    "museum": (("Q33506", "museum"),),
    "timezone": (("Q12143", "time zone"),),
    "gender": (("Q48277", "gender"),),
    "instrument": (("Q34379", "musical instrument"),),
    "field": (("Q11862829", "academic discipline"),),
    "industry": (("Q8148", "industry"),),
    "script": (("Q8192", "writing system"),),
    "label": (("Q18127", "record label"),),
}

ENTITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "human": (
        ("Q42", "Douglas Adams"), ("Q937", "Albert Einstein"), ("Q1035", "Charles Darwin"),
        ("Q935", "Isaac Newton"), ("Q692", "William Shakespeare"),
        ("Q1339", "Johann Sebastian Bach"), ("Q254", "Wolfgang Amadeus Mozart"),
        ("Q255", "Ludwig van Beethoven"), ("Q7186", "Marie Curie"), ("Q37463", "Pierre Curie"),
        ("Q5593", "Pablo Picasso"), ("Q5582", "Vincent van Gogh"),
        ("Q762", "Leonardo da Vinci"), ("Q5598", "Rembrandt"), ("Q1203", "John Lennon"),
        ("Q2599", "Paul McCartney"), ("Q76", "Barack Obama"), ("Q13133", "Michelle Obama"),
        ("Q91", "Abraham Lincoln"), ("Q23", "George Washington"),
        ("Q9696", "John F. Kennedy"), ("Q8016", "Winston Churchill"),
        ("Q567", "Angela Merkel"), ("Q517", "Napoleon"), ("Q1048", "Julius Caesar"),
        ("Q8409", "Alexander the Great"), ("Q635", "Cleopatra"), ("Q9439", "Queen Victoria"),
        ("Q9682", "Elizabeth II"), ("Q80976", "Prince Philip, Duke of Edinburgh"),
        ("Q9685", "Diana, Princess of Wales"), ("Q43274", "Charles III"),
        ("Q5284", "Bill Gates"), ("Q19837", "Steve Jobs"), ("Q317521", "Elon Musk"),
        ("Q36215", "Mark Zuckerberg"), ("Q868", "Aristotle"), ("Q859", "Plato"),
        ("Q913", "Socrates"), ("Q9312", "Immanuel Kant"), ("Q9358", "Friedrich Nietzsche"),
        ("Q9061", "Karl Marx"), ("Q5879", "Johann Wolfgang von Goethe"),
        ("Q5686", "Charles Dickens"), ("Q7245", "Mark Twain"),
        ("Q23434", "Ernest Hemingway"), ("Q36322", "Jane Austen"),
        ("Q34660", "J. K. Rowling"), ("Q892", "J. R. R. Tolkien"), ("Q39829", "Stephen King"),
        ("Q535", "Victor Hugo"), ("Q991", "Fyodor Dostoyevsky"), ("Q7243", "Leo Tolstoy"),
        ("Q905", "Franz Kafka"), ("Q3335", "George Orwell"), ("Q1001", "Mahatma Gandhi"),
        ("Q8023", "Nelson Mandela"), ("Q8027", "Martin Luther King Jr."),
        ("Q7416", "Margaret Thatcher"), ("Q9036", "Nikola Tesla"),
        ("Q8743", "Thomas Edison"), ("Q307", "Galileo Galilei"),
        ("Q17714", "Stephen Hawking"), ("Q39246", "Richard Feynman"),
        ("Q7251", "Alan Turing"), ("Q7259", "Ada Lovelace"), ("Q9021", "Max Planck"),
        ("Q7085", "Niels Bohr"), ("Q11641", "Grace Hopper"), ("Q303", "Elvis Presley"),
        ("Q2831", "Michael Jackson"), ("Q1744", "Madonna"), ("Q26876", "Taylor Swift"),
        ("Q392", "Bob Dylan"), ("Q5928", "Jimi Hendrix"), ("Q40912", "Frank Sinatra"),
        ("Q38111", "Leonardo DiCaprio"), ("Q2263", "Tom Hanks"), ("Q873", "Meryl Streep"),
        ("Q4616", "Marilyn Monroe"), ("Q882", "Charlie Chaplin"),
        ("Q25191", "Christopher Nolan"), ("Q8877", "Steven Spielberg"),
        ("Q2001", "Stanley Kubrick"), ("Q3772", "Quentin Tarantino"),
        ("Q7374", "Alfred Hitchcock"), ("Q56094", "Francis Ford Coppola"),
        ("Q41148", "Martin Scorsese"), ("Q36949", "Robert De Niro"), ("Q41163", "Al Pacino"),
        ("Q34012", "Marlon Brando"), ("Q13909", "Angelina Jolie"), ("Q35332", "Brad Pitt"),
        ("Q37459", "Nicole Kidman"), ("Q2685", "Arnold Schwarzenegger"),
        ("Q43416", "Keanu Reeves"), ("Q81328", "Harrison Ford"), ("Q615", "Lionel Messi"),
        ("Q11571", "Cristiano Ronaldo"), ("Q12897", "Pelé"), ("Q1426", "Roger Federer"),
        ("Q10132", "Rafael Nadal"), ("Q41421", "Michael Jordan"), ("Q36159", "LeBron James"),
        ("Q1189", "Usain Bolt"), ("Q39562", "Michael Phelps"),
        ("Q11459", "Serena Williams"), ("Q10520", "David Beckham"),
        ("Q8006", "Akira Kurosawa"), ("Q1268", "Frédéric Chopin"),
        ("Q7315", "Pyotr Ilyich Tchaikovsky"), ("Q1511", "Richard Wagner"),
        ("Q7317", "Giuseppe Verdi"), ("Q1067", "Dante Alighieri"), ("Q9068", "Voltaire"),
        ("Q6527", "Jean-Jacques Rousseau"), ("Q33760", "Bertrand Russell"),
        ("Q9047", "Gottfried Wilhelm Leibniz"), ("Q619", "Nicolaus Copernicus"),
        ("Q8963", "Johannes Kepler"), ("Q9095", "James Clerk Maxwell"),
        ("Q40904", "Werner Heisenberg"), ("Q1225", "Bruce Springsteen"),
        ("Q36844", "Rihanna"), ("Q329", "Nicolas Sarkozy"), ("Q3052772", "Emmanuel Macron"),
        ("Q1058", "Narendra Modi"), ("Q7747", "Vladimir Putin"), ("Q22686", "Donald Trump"),
        ("Q6279", "Joe Biden"), ("Q9960", "Ronald Reagan"), ("Q1124", "Bill Clinton"),
        ("Q207", "George W. Bush"), ("Q6294", "Hillary Clinton"), ("Q9545", "Tony Blair"),
    ),
    "country": (
        ("Q30", "United States of America"), ("Q145", "United Kingdom"), ("Q142", "France"),
        ("Q183", "Germany"), ("Q38", "Italy"), ("Q29", "Spain"), ("Q17", "Japan"),
        ("Q148", "People's Republic of China"), ("Q668", "India"), ("Q159", "Russia"),
        ("Q155", "Brazil"), ("Q16", "Canada"), ("Q408", "Australia"), ("Q96", "Mexico"),
        ("Q414", "Argentina"), ("Q45", "Portugal"), ("Q55", "Netherlands"),
        ("Q31", "Belgium"), ("Q39", "Switzerland"), ("Q40", "Austria"), ("Q34", "Sweden"),
        ("Q20", "Norway"), ("Q35", "Denmark"), ("Q33", "Finland"), ("Q36", "Poland"),
        ("Q41", "Greece"), ("Q43", "Turkey"), ("Q79", "Egypt"), ("Q258", "South Africa"),
        ("Q1033", "Nigeria"), ("Q114", "Kenya"), ("Q884", "South Korea"),
        ("Q423", "North Korea"), ("Q252", "Indonesia"), ("Q843", "Pakistan"),
        ("Q794", "Iran"), ("Q801", "Israel"), ("Q27", "Ireland"), ("Q212", "Ukraine"),
        ("Q28", "Hungary"), ("Q213", "Czech Republic"), ("Q298", "Chile"),
        ("Q739", "Colombia"), ("Q419", "Peru"), ("Q664", "New Zealand"), ("Q881", "Vietnam"),
        ("Q869", "Thailand"), ("Q928", "Philippines"), ("Q230", "Georgia"),
        ("Q189", "Iceland"), ("Q851", "Saudi Arabia"), ("Q1028", "Morocco"),
        ("Q117", "Ghana"), ("Q115", "Ethiopia"), ("Q241", "Cuba"), ("Q717", "Venezuela"),
        ("Q865", "Taiwan"), ("Q334", "Singapore"), ("Q833", "Malaysia"), ("Q218", "Romania"),
        ("Q219", "Bulgaria"), ("Q224", "Croatia"), ("Q403", "Serbia"), ("Q211", "Latvia"),
        ("Q37", "Lithuania"), ("Q191", "Estonia"), ("Q32", "Luxembourg"), ("Q233", "Malta"),
        ("Q229", "Cyprus"),
    ),
    "city": (
        ("Q60", "New York City"), ("Q84", "London"), ("Q90", "Paris"), ("Q64", "Berlin"),
        ("Q220", "Rome"), ("Q1490", "Tokyo"), ("Q956", "Beijing"), ("Q649", "Moscow"),
        ("Q1486", "Buenos Aires"), ("Q172", "Toronto"), ("Q3130", "Sydney"),
        ("Q65", "Los Angeles"), ("Q1297", "Chicago"), ("Q62", "San Francisco"),
        ("Q1726", "Munich"), ("Q1055", "Hamburg"), ("Q2807", "Madrid"),
        ("Q1492", "Barcelona"), ("Q727", "Amsterdam"), ("Q1748", "Copenhagen"),
        ("Q1754", "Stockholm"), ("Q585", "Oslo"), ("Q1757", "Helsinki"), ("Q270", "Warsaw"),
        ("Q1085", "Prague"), ("Q1741", "Vienna"), ("Q1781", "Budapest"), ("Q1524", "Athens"),
        ("Q406", "Istanbul"), ("Q85", "Cairo"), ("Q1353", "Delhi"), ("Q1156", "Mumbai"),
        ("Q8678", "Rio de Janeiro"), ("Q174", "São Paulo"), ("Q1489", "Mexico City"),
        ("Q597", "Lisbon"), ("Q239", "Brussels"), ("Q72", "Zürich"), ("Q71", "Geneva"),
        ("Q1794", "Frankfurt"), ("Q2079", "Leipzig"), ("Q1731", "Dresden"),
        ("Q365", "Cologne"), ("Q1022", "Stuttgart"), ("Q490", "Milan"), ("Q2634", "Naples"),
        ("Q2044", "Florence"), ("Q641", "Venice"), ("Q495", "Turin"), ("Q456", "Lyon"),
        ("Q23482", "Marseille"), ("Q1930", "Ottawa"), ("Q340", "Montreal"),
        ("Q24639", "Vancouver"), ("Q61", "Washington, D.C."), ("Q100", "Boston"),
        ("Q1345", "Philadelphia"), ("Q16555", "Houston"), ("Q23768", "Seattle"),
        ("Q34404", "New Orleans"), ("Q8684", "Seoul"), ("Q34600", "Kyoto"),
        ("Q35765", "Osaka"), ("Q8686", "Shanghai"), ("Q8646", "Hong Kong"),
        ("Q1865", "Kuala Lumpur"), ("Q1861", "Manila"), ("Q3616", "Tehran"),
        ("Q1218", "Jerusalem"), ("Q33935", "Tel Aviv"), ("Q87", "Alexandria"),
        ("Q3870", "Nairobi"), ("Q34647", "Johannesburg"), ("Q5465", "Cape Town"),
        ("Q1335", "Montevideo"), ("Q2887", "Santiago"), ("Q2868", "Lima"),
        ("Q2841", "Bogotá"), ("Q1563", "Havana"), ("Q1899", "Kyiv"),
        ("Q656", "Saint Petersburg"), ("Q1435", "Zagreb"), ("Q3711", "Belgrade"),
        ("Q19660", "Bucharest"), ("Q472", "Sofia"), ("Q1761", "Dublin"),
        ("Q23436", "Edinburgh"), ("Q18125", "Manchester"), ("Q24826", "Liverpool"),
        ("Q34217", "Oxford"), ("Q350", "Cambridge"), ("Q2256", "Birmingham"),
        ("Q1764", "Reykjavík"),
    ),
    "region": (
        ("Q1384", "New York"), ("Q99", "California"), ("Q1439", "Texas"),
        ("Q812", "Florida"), ("Q980", "Bavaria"), ("Q771", "Massachusetts"),
        ("Q1204", "Illinois"), ("Q1223", "Washington"), ("Q176", "Quebec"),
        ("Q1904", "Ontario"), ("Q5092", "Catalonia"), ("Q22", "Scotland"),
        ("Q21", "England"), ("Q25", "Wales"),
    ),
    "continent": (
        ("Q46", "Europe"), ("Q48", "Asia"), ("Q15", "Africa"), ("Q49", "North America"),
        ("Q18", "South America"), ("Q538", "Oceania"), ("Q51", "Antarctica"),
    ),
    "company": (
        ("Q312", "Apple Inc."), ("Q95", "Google"), ("Q2283", "Microsoft"),
        ("Q355", "Facebook"), ("Q3884", "Amazon"), ("Q478214", "Tesla, Inc."),
        ("Q37156", "IBM"), ("Q8093", "Nintendo"), ("Q41187", "Sony"), ("Q20716", "Samsung"),
        ("Q53268", "Toyota"), ("Q26678", "BMW"), ("Q246", "Volkswagen"),
        ("Q27586", "Ferrari"), ("Q3295867", "The Coca-Cola Company"),
        ("Q38076", "McDonald's"), ("Q483551", "Walmart"), ("Q1418", "Nokia"),
        ("Q248", "Intel"), ("Q7414", "The Walt Disney Company"),
        ("Q188920", "Delta Air Lines"), ("Q9584", "Honda"), ("Q40993", "Porsche"),
        ("Q66", "Boeing"), ("Q67", "Airbus"), ("Q907311", "Netflix"), ("Q689141", "Spotify"),
        ("Q19900", "Oracle Corporation"), ("Q81230", "Siemens"), ("Q160746", "Nestlé"),
        ("Q207680", "Adobe Inc."), ("Q1336200", "Penguin Books"), ("Q9531", "BBC"),
    ),
    "university": (
        ("Q13371", "Harvard University"), ("Q49108", "Massachusetts Institute of Technology"),
        ("Q34433", "University of Oxford"), ("Q35794", "University of Cambridge"),
        ("Q41506", "Stanford University"), ("Q49088", "Columbia University"),
        ("Q21578", "Princeton University"), ("Q49112", "Yale University"),
        ("Q174570", "London School of Economics"),
        ("Q161562", "California Institute of Technology"), ("Q11942", "ETH Zurich"),
        ("Q152087", "Humboldt University of Berlin"),
        ("Q168756", "University of California, Berkeley"),
        ("Q131252", "University of Chicago"), ("Q7842", "University of Tokyo"),
        ("Q209842", "University of Paris"),
    ),
    "org": (
        ("Q1065", "United Nations"), ("Q458", "European Union"), ("Q7184", "NATO"),
        ("Q7817", "World Health Organization"), ("Q23548", "NASA"), ("Q7809", "UNESCO"),
        ("Q7825", "World Trade Organization"), ("Q7164", "International Monetary Fund"),
        ("Q40970", "International Olympic Committee"), ("Q253414", "FIFA"),
        ("Q81299", "Organization for Security and Co-operation in Europe"),
        ("Q7785", "Commonwealth of Nations"),
    ),
    "party": (
        ("Q29552", "Democratic Party"), ("Q29468", "Republican Party"),
        ("Q9630", "Labour Party"), ("Q9626", "Conservative Party"),
        ("Q49762", "Christian Democratic Union of Germany"),
        ("Q49768", "Social Democratic Party of Germany"),
        ("Q79854", "Communist Party of the Soviet Union"),
        ("Q10230", "Indian National Congress"), ("Q10225", "Bharatiya Janata Party"),
    ),
    "club": (
        ("Q7156", "FC Barcelona"), ("Q8682", "Real Madrid CF"),
        ("Q18656", "Manchester United F.C."), ("Q1130849", "Liverpool F.C."),
        ("Q9616", "Chelsea F.C."), ("Q9617", "Arsenal F.C."), ("Q15789", "FC Bayern Munich"),
        ("Q1422", "Juventus FC"), ("Q1543", "AC Milan"),
        ("Q483020", "Paris Saint-Germain F.C."), ("Q41420", "Borussia Dortmund"),
    ),
    "team": (
        ("Q213417", "New York Yankees"), ("Q121783", "Los Angeles Lakers"),
        ("Q131371", "Boston Celtics"), ("Q128109", "Chicago Bulls"),
        ("Q157376", "Golden State Warriors"), ("Q204862", "Dallas Cowboys"),
        ("Q193390", "New England Patriots"), ("Q461595", "Boston Red Sox"),
    ),
    "league": (
        ("Q9448", "Premier League"), ("Q82595", "Bundesliga"), ("Q324867", "La Liga"),
        ("Q15804", "Serie A"), ("Q13394", "Ligue 1"),
        ("Q155223", "National Basketball Association"),
        ("Q1215884", "National Football League"), ("Q1215892", "National Hockey League"),
        ("Q1163715", "Major League Baseball"),
    ),
    "film": (
        ("Q172241", "The Shawshank Redemption"), ("Q47703", "The Godfather"),
        ("Q184768", "The Godfather Part II"), ("Q83495", "The Matrix"),
        ("Q44578", "Titanic"), ("Q25188", "Inception"), ("Q163872", "The Dark Knight"),
        ("Q17738", "Star Wars"), ("Q184843", "Blade Runner"),
        ("Q103474", "2001: A Space Odyssey"), ("Q190525", "Memento"),
        ("Q132689", "Casablanca"), ("Q24815", "Citizen Kane"),
        ("Q193695", "The Wizard of Oz"), ("Q134773", "Forrest Gump"),
        ("Q104123", "Pulp Fiction"), ("Q13417189", "Interstellar"), ("Q24871", "Avatar"),
        ("Q483941", "Schindler's List"), ("Q167726", "Jurassic Park"),
        ("Q189540", "Seven Samurai"), ("Q47221", "Taxi Driver"), ("Q163038", "Psycho"),
        ("Q162255", "The Terminator"), ("Q42047", "Goodfellas"),
        ("Q165817", "Saving Private Ryan"),
    ),
    "book": (
        ("Q43361", "Harry Potter and the Philosopher's Stone"),
        ("Q15228", "The Lord of the Rings"), ("Q74287", "The Hobbit"),
        ("Q208460", "Nineteen Eighty-Four"), ("Q170583", "Pride and Prejudice"),
        ("Q161531", "War and Peace"), ("Q25338", "The Little Prince"),
        ("Q209530", "Animal Farm"), ("Q41567", "Hamlet"), ("Q83186", "Romeo and Juliet"),
        ("Q480", "Don Quixote"), ("Q160341", "Crime and Punishment"),
        ("Q180736", "Les Misérables"),
        ("Q3107329", "The Hitchhiker's Guide to the Galaxy"),
        ("Q1630079", "Oliver Twist"), ("Q215410", "Adventures of Huckleberry Finn"),
        ("Q208002", "The Old Man and the Sea"), ("Q6511", "Ulysses"),
        ("Q460775", "The Trial"), ("Q184248", "The Metamorphosis"),
    ),
    "painting": (
        ("Q12418", "Mona Lisa"), ("Q45585", "The Starry Night"), ("Q175036", "Guernica"),
        ("Q128910", "The Last Supper"), ("Q151047", "The Birth of Venus"),
        ("Q471379", "The Scream"), ("Q219831", "The Night Watch"),
        ("Q185372", "Girl with a Pearl Earring"), ("Q29530", "Sunflowers"),
    ),
    "tvseries": (
        ("Q886", "The Simpsons"), ("Q23572", "Game of Thrones"), ("Q1079", "Breaking Bad"),
        ("Q79784", "Friends"), ("Q8539", "The Big Bang Theory"), ("Q34316", "Doctor Who"),
        ("Q4525", "NCIS"), ("Q23733", "Seinfeld"), ("Q23628", "The Sopranos"),
    ),
    "band": (
        ("Q1299", "The Beatles"), ("Q11036", "The Rolling Stones"), ("Q15862", "Queen"),
        ("Q2306", "Pink Floyd"), ("Q11649", "Nirvana"), ("Q15920", "Metallica"),
        ("Q2331", "Led Zeppelin"), ("Q396", "U2"), ("Q47972", "ABBA"),
        ("Q44190", "Radiohead"), ("Q45188", "Coldplay"), ("Q45354", "The Doors"),
    ),
    "element": (
        ("Q556", "hydrogen"), ("Q560", "helium"), ("Q568", "lithium"), ("Q623", "carbon"),
        ("Q627", "nitrogen"), ("Q629", "oxygen"), ("Q654", "neon"), ("Q658", "sodium"),
        ("Q660", "magnesium"), ("Q663", "aluminium"), ("Q670", "silicon"),
        ("Q682", "sulfur"), ("Q688", "chlorine"), ("Q703", "potassium"),
        ("Q706", "calcium"), ("Q716", "titanium"), ("Q677", "iron"), ("Q744", "nickel"),
        ("Q753", "copper"), ("Q758", "zinc"), ("Q1090", "silver"), ("Q1096", "tin"),
        ("Q897", "gold"), ("Q880", "platinum"), ("Q925", "mercury"), ("Q708", "lead"),
        ("Q1098", "uranium"),
    ),
    "compound": (
        ("Q283", "water"), ("Q1997", "carbon dioxide"), ("Q2270", "benzene"),
        ("Q153", "ethanol"), ("Q60235", "caffeine"), ("Q18216", "aspirin"),
        ("Q2314", "sodium chloride"), ("Q37129", "methane"), ("Q4087", "ammonia"),
        ("Q12190", "penicillin"), ("Q186969", "ibuprofen"), ("Q57055", "paracetamol"),
        ("Q81225", "morphine"), ("Q37525", "glucose"),
    ),
    "disease": (
        ("Q12078", "cancer"), ("Q12206", "diabetes mellitus"), ("Q12199", "HIV/AIDS"),
        ("Q12204", "tuberculosis"), ("Q12156", "malaria"), ("Q41112", "schizophrenia"),
        ("Q11081", "Alzheimer's disease"), ("Q11085", "Parkinson's disease"),
        ("Q12152", "myocardial infarction"), ("Q12202", "stroke"),
        ("Q47912", "lung cancer"), ("Q36956", "leprosy"), ("Q2840", "influenza"),
        ("Q84263196", "COVID-19"), ("Q12174", "obesity"), ("Q12192", "pneumonia"),
        ("Q12214", "smallpox"), ("Q12090", "cholera"), ("Q35869", "asthma"),
    ),
    "occupation": (
        ("Q33999", "actor"), ("Q82955", "politician"), ("Q36180", "writer"),
        ("Q639669", "musician"), ("Q177220", "singer"), ("Q1028181", "painter"),
        ("Q901", "scientist"), ("Q169470", "physicist"), ("Q593644", "chemist"),
        ("Q170790", "mathematician"), ("Q4964182", "philosopher"),
        ("Q2526255", "film director"), ("Q28389", "screenwriter"),
        ("Q937857", "association football player"), ("Q3665646", "basketball player"),
        ("Q10833314", "tennis player"), ("Q36834", "composer"), ("Q1930187", "journalist"),
        ("Q39631", "physician"), ("Q42973", "architect"), ("Q49757", "poet"),
        ("Q6625963", "novelist"), ("Q131524", "entrepreneur"),
        ("Q43845", "businessperson"), ("Q33231", "photographer"),
        ("Q1622272", "university teacher"), ("Q121594", "professor"),
        ("Q855091", "guitarist"), ("Q486748", "pianist"), ("Q753110", "songwriter"),
        ("Q3282637", "film producer"), ("Q11631", "astronaut"),
        ("Q47064", "military personnel"), ("Q185351", "jurist"), ("Q40348", "lawyer"),
    ),
    "award": (
        ("Q7191", "Nobel Prize"), ("Q38104", "Nobel Prize in Physics"),
        ("Q44585", "Nobel Prize in Chemistry"),
        ("Q80061", "Nobel Prize in Physiology or Medicine"),
        ("Q37922", "Nobel Prize in Literature"), ("Q35637", "Nobel Peace Prize"),
        ("Q47170", "Nobel Memorial Prize in Economic Sciences"),
        ("Q19020", "Academy Awards"), ("Q103916", "Academy Award for Best Actor"),
        ("Q103618", "Academy Award for Best Actress"),
        ("Q102427", "Academy Award for Best Picture"),
        ("Q103360", "Academy Award for Best Director"), ("Q41254", "Grammy Award"),
        ("Q1011547", "Golden Globe Award"), ("Q28835", "Fields Medal"),
        ("Q185667", "Turing Award"), ("Q46525", "Pulitzer Prize"),
        ("Q17144", "Presidential Medal of Freedom"), ("Q209459", "Golden Lion"),
        ("Q179808", "Palme d'Or"), ("Q166177", "Ballon d'Or"),
        ("Q832424", "Copley Medal"), ("Q163700", "Legion of Honour"),
    ),
    "language": (
        ("Q1860", "English"), ("Q150", "French"), ("Q188", "German"), ("Q1321", "Spanish"),
        ("Q652", "Italian"), ("Q7737", "Russian"), ("Q5287", "Japanese"),
        ("Q7850", "Chinese"), ("Q13955", "Arabic"), ("Q5146", "Portuguese"),
        ("Q7411", "Dutch"), ("Q9027", "Swedish"), ("Q809", "Polish"), ("Q256", "Turkish"),
        ("Q9176", "Korean"), ("Q1568", "Hindi"), ("Q397", "Latin"),
        ("Q35497", "Ancient Greek"), ("Q9129", "Greek"), ("Q9288", "Hebrew"),
        ("Q9168", "Persian"),
    ),
    "currency": (
        ("Q4917", "United States dollar"), ("Q4916", "euro"), ("Q25224", "pound sterling"),
        ("Q8146", "Japanese yen"), ("Q39099", "renminbi"), ("Q41044", "Russian ruble"),
        ("Q80524", "Indian rupee"), ("Q1104069", "Canadian dollar"),
        ("Q259502", "Australian dollar"), ("Q173117", "Brazilian real"),
        ("Q25344", "Swiss franc"),
    ),
    "musicgenre": (
        ("Q11399", "rock music"), ("Q37073", "pop music"), ("Q8341", "jazz"),
        ("Q9730", "classical music"), ("Q11401", "hip hop music"), ("Q9759", "blues"),
        ("Q38848", "heavy metal"), ("Q11366", "alternative rock"), ("Q3071", "punk rock"),
        ("Q83440", "country music"), ("Q9794", "reggae"), ("Q9778", "electronic music"),
    ),
    "filmgenre": (
        ("Q130232", "drama film"), ("Q157443", "comedy film"),
        ("Q471839", "science fiction film"), ("Q200092", "horror film"),
        ("Q188473", "action film"), ("Q2484376", "thriller film"), ("Q369747", "war film"),
        ("Q959790", "crime film"), ("Q202866", "animated film"),
        ("Q319221", "adventure film"), ("Q1054574", "romance film"),
    ),
    "litgenre": (
        ("Q24925", "science fiction"), ("Q132311", "fantasy"), ("Q8253", "fiction"),
        ("Q35760", "essay"), ("Q482", "poetry"), ("Q182015", "thriller"),
        ("Q208505", "detective fiction"), ("Q80930", "tragedy"), ("Q40831", "comedy"),
    ),
    "religion": (
        ("Q5043", "Christianity"), ("Q432", "Islam"), ("Q9268", "Judaism"),
        ("Q748", "Buddhism"), ("Q9089", "Hinduism"), ("Q9592", "Catholic Church"),
        ("Q23540", "Protestantism"), ("Q35032", "Eastern Orthodox Church"),
        ("Q7066", "atheism"),
    ),
    "river": (
        ("Q3392", "Nile"), ("Q3783", "Amazon River"), ("Q1497", "Mississippi River"),
        ("Q584", "Rhine"), ("Q1653", "Danube"), ("Q19686", "River Thames"),
        ("Q1471", "Seine"), ("Q5413", "Yangtze"), ("Q626", "Volga"), ("Q5089", "Ganges"),
        ("Q1644", "Elbe"), ("Q13712", "Tiber"), ("Q3140", "Hudson River"),
    ),
    "mountain": (
        ("Q513", "Mount Everest"), ("Q43512", "K2"), ("Q583", "Mont Blanc"),
        ("Q1374", "Matterhorn"), ("Q7296", "Kilimanjaro"), ("Q39231", "Mount Fuji"),
        ("Q130018", "Denali"), ("Q39307", "Aconcagua"), ("Q5788", "Mount Elbrus"),
        ("Q3375", "Zugspitze"),
    ),
    "planet": (
        ("Q308", "Mercury"), ("Q313", "Venus"), ("Q2", "Earth"), ("Q111", "Mars"),
        ("Q319", "Jupiter"), ("Q193", "Saturn"), ("Q324", "Uranus"), ("Q332", "Neptune"),
    ),
    "war": (
        ("Q362", "World War II"), ("Q361", "World War I"), ("Q8740", "Vietnam War"),
        ("Q8663", "Korean War"), ("Q8676", "American Civil War"),
        ("Q40949", "Spanish Civil War"), ("Q8683", "Cold War"), ("Q37643", "Gulf War"),
    ),
    "event": (
        ("Q8577", "2012 Summer Olympics"), ("Q8567", "2008 Summer Olympics"),
        ("Q8613", "2016 Summer Olympics"), ("Q79859", "2014 FIFA World Cup"),
        ("Q170645", "2018 FIFA World Cup"), ("Q48314", "Battle of Waterloo"),
        ("Q33143", "Battle of Stalingrad"), ("Q6534", "French Revolution"),
        ("Q43653", "Apollo 11"),
    ),
    "position": (
        ("Q11696", "President of the United States"),
        ("Q14211", "Prime Minister of the United Kingdom"),
        ("Q56022", "Chancellor of Germany"), ("Q191954", "President of France"),
        ("Q218295", "President of Russia"), ("Q11699", "Vice President of the United States"),
        ("Q13218630", "member of the United States House of Representatives"),
        ("Q4416090", "United States senator"), ("Q19546", "pope"), ("Q30185", "mayor"),
        ("Q2666591", "Chair of the Federal Reserve"),
        ("Q192711", "Prime Minister of India"),
        ("Q81066", "Secretary-General of the United Nations"),
        ("Q14213", "United States Secretary of State"),
    ),
    "sport": (
        ("Q2736", "association football"), ("Q5372", "basketball"), ("Q847", "tennis"),
        ("Q5369", "baseball"), ("Q41323", "American football"), ("Q41466", "ice hockey"),
        ("Q542", "athletics"), ("Q31920", "swimming"), ("Q5386", "auto racing"),
        ("Q718", "chess"), ("Q5377", "golf"),
    ),
    "software": (
        ("Q388", "Linux"), ("Q1406", "Microsoft Windows"), ("Q14116", "macOS"),
        ("Q94", "Android"), ("Q48493", "iOS"), ("Q11255", "Microsoft Office"),
        ("Q107465", "Adobe Photoshop"),
    ),
    "proglang": (
        ("Q28865", "Python"), ("Q251", "Java"), ("Q15777", "C"), ("Q2407", "C++"),
        ("Q2005", "JavaScript"), ("Q575650", "Rust"), ("Q37227", "Go"), ("Q2370", "C#"),
        ("Q42478", "PHP"), ("Q161053", "Ruby"),
    ),
    "videogame": (
        ("Q12395", "Tetris"), ("Q11168", "Super Mario Bros."), ("Q49740", "Minecraft"),
        ("Q12393", "The Legend of Zelda"), ("Q173706", "Pac-Man"),
        ("Q17452", "Grand Theft Auto V"),
    ),
    "building": (
        ("Q243", "Eiffel Tower"), ("Q41225", "Big Ben"), ("Q9141", "Taj Mahal"),
        ("Q12501", "Great Wall of China"), ("Q9202", "Statue of Liberty"),
        ("Q10285", "Colosseum"), ("Q9188", "Empire State Building"),
        ("Q48435", "Sagrada Família"), ("Q10288", "Parthenon"), ("Q12495", "Burj Khalifa"),
        ("Q181205", "Wembley Stadium"), ("Q172526", "Old Trafford"),
        ("Q186125", "Madison Square Garden"), ("Q153753", "Allianz Arena"),
    ),
    "museum": (
        ("Q19675", "Louvre"), ("Q160236", "Metropolitan Museum of Art"),
        ("Q6373", "British Museum"), ("Q132783", "Hermitage Museum"),
        ("Q160112", "Museo del Prado"), ("Q190804", "Rijksmuseum"),
        ("Q51252", "Uffizi Gallery"), ("Q188740", "Museum of Modern Art"),
        ("Q180788", "National Gallery"), ("Q23402", "Musée d'Orsay"),
    ),
    "timezone": (
        ("Q6655", "UTC+01:00"), ("Q941023", "Eastern Time Zone"),
        ("Q25989", "Central European Time"), ("Q847142", "Pacific Time Zone"),
        ("Q6723", "UTC+09:00"), ("Q1145", "Coordinated Universal Time"),
    ),
    "gender": (("Q6581097", "male"), ("Q6581072", "female")),
    "instrument": (
        ("Q6607", "guitar"), ("Q5994", "piano"), ("Q8355", "violin"), ("Q8338", "trumpet"),
        ("Q9798", "saxophone"), ("Q46185", "bass guitar"), ("Q8371", "cello"),
        ("Q11404", "drum kit"), ("Q17172850", "voice"),
    ),
    "field": (
        ("Q413", "physics"), ("Q2329", "chemistry"), ("Q395", "mathematics"),
        ("Q420", "biology"), ("Q21198", "computer science"), ("Q5891", "philosophy"),
        ("Q8134", "economics"), ("Q11023", "engineering"), ("Q11190", "medicine"),
        ("Q309", "history"), ("Q333", "astronomy"), ("Q7163", "politics"), ("Q735", "art"),
        ("Q8242", "literature"), ("Q638", "music"),
    ),
    "industry": (
        ("Q11661", "information technology"), ("Q190117", "automotive industry"),
        ("Q126793", "retail"), ("Q418", "telecommunications"),
        ("Q941594", "video game industry"), ("Q507443", "pharmaceutical industry"),
        ("Q765633", "aviation"), ("Q173799", "entertainment industry"),
    ),
    "script": (
        ("Q8229", "Latin script"), ("Q8209", "Cyrillic script"), ("Q8216", "Greek alphabet"),
        ("Q8196", "Arabic script"), ("Q8201", "Chinese characters"),
        ("Q38592", "Devanagari"), ("Q33513", "Hebrew alphabet"), ("Q8222", "Hangul"),
        ("Q82772", "kana"),
    ),
    "label": (
        ("Q21077", "Universal Music Group"), ("Q183387", "Columbia Records"),
        ("Q183412", "EMI"), ("Q202585", "Atlantic Records"), ("Q193023", "Capitol Records"),
        ("Q43327", "Motown"), ("Q56760250", "Sony Music"),
    ),
}

# Type groups, to keep the property table short.
_PLACES = ("city", "building", "museum", "university", "company", "club", "team", "region")
_CREATIVE = ("film", "tvseries")
_INSTITUTIONS = ("company", "university", "org")
_FOUNDED = ("country", "city", "company", "university", "org", "party", "club", "team",
            "band", "league", "building", "museum")

PROPERTIES: tuple[Prop, ...] = (
    # Used only inside type constraints and as statement qualifiers (empty subject types).
    Prop("P31", "instance of", (), (), ("type", "kind")),
    Prop("P580", "start time", (), ("date",), ("start time", "start date")),
    Prop("P582", "end time", (), ("date",), ("end time", "end date")),
    Prop("P585", "point in time", (), ("date",), ("point in time", "date")),
    Prop("P1365", "replaces", (), ("human",), ("predecessor",)),
    Prop("P1366", "replaced by", (), ("human",), ("successor",)),
    Prop("P1686", "for work", (), ("film", "book", "tvseries"), ("work",)),
    # People.
    Prop("P19", "place of birth", ("human",), ("city",),
         ("place of birth", "birthplace", "birth city"),
         "Where was {s} born?", "Was {s} born in {o}?"),
    Prop("P20", "place of death", ("human",), ("city",), ("place of death", "death place"),
         "Where did {s} die?", "Did {s} die in {o}?"),
    Prop("P21", "sex or gender", ("human",), ("gender",), ("gender", "sex"),
         "What gender is {s}?", "Is {s} {o}?"),
    Prop("P22", "father", ("human",), ("human",), ("father", "dad"),
         "Who was the father of {s}?", "Is {o} the father of {s}?"),
    Prop("P25", "mother", ("human",), ("human",), ("mother", "mom"),
         "Who is the mother of {s}?", "Is {o} the mother of {s}?"),
    Prop("P26", "spouse", ("human",), ("human",), ("spouse", "wife", "husband"),
         "Who was {s} married to?", "Was {s} married to {o}?"),
    Prop("P40", "child", ("human",), ("human",), ("child", "son", "daughter", "kid"),
         "Who are the children of {s}?", "Is {o} a child of {s}?"),
    Prop("P3373", "sibling", ("human",), ("human",), ("sibling", "brother", "sister"),
         "Who are the siblings of {s}?", "Is {o} a sibling of {s}?"),
    Prop("P27", "country of citizenship", ("human",), ("country",),
         ("country of citizenship", "citizenship", "nationality"),
         "Which country is {s} a citizen of?", "Was {s} a citizen of {o}?"),
    Prop("P106", "occupation", ("human",), ("occupation",),
         ("occupation", "profession", "job", "career"),
         "What does {s} do for a living?", "Did {s} work as {ao}?"),
    Prop("P69", "educated at", ("human",), ("university",),
         ("alma mater", "school", "university"), "Where did {s} study?",
         "Did {s} study at {o}?"),
    Prop("P108", "employer", ("human",), _INSTITUTIONS, ("employer", "workplace"),
         "Who did {s} work for?", "Did {s} work for {o}?"),
    Prop("P166", "award received", ("human", "film", "band", "book", "tvseries"), ("award",),
         ("award received", "award", "prize", "honour"), "What award did {s} receive?",
         "Did {s} win the {o}?"),
    Prop("P1411", "nominated for", ("human", "film", "tvseries", "band"), ("award",),
         ("nomination", "award nomination"), "What was {s} nominated for?",
         "Was {s} nominated for the {o}?"),
    Prop("P102", "member of political party", ("human",), ("party",),
         ("political party", "party"), "Which political party does {s} belong to?",
         "Is {s} a member of the {o}?"),
    Prop("P39", "position held", ("human",), ("position",),
         ("position held", "office", "position"), "What position did {s} hold?",
         "Did {s} serve as {o}?"),
    Prop("P54", "member of sports team", ("human",), ("club", "team"),
         ("team", "sports team", "club"), "Which team did {s} play for?",
         "Did {s} play for {o}?"),
    Prop("P1303", "instrument", ("human",), ("instrument",), ("instrument", "musical instrument"),
         "What instrument does {s} play?", "Does {s} play the {o}?"),
    Prop("P136", "genre", ("human", "band"), ("musicgenre",), ("genre", "musical genre", "style"),
         "What kind of music does {s} make?", "Does {s} play {o}?"),
    Prop("P264", "record label", ("human", "band"), ("label",), ("record label", "label"),
         "Which label is {s} signed to?", "Was {s} signed to {o}?"),
    Prop("P140", "religion", ("human",), ("religion",), ("religion", "faith"),
         "What religion does {s} follow?", "Is {s} a follower of {o}?"),
    Prop("P103", "native language", ("human",), ("language",),
         ("native language", "mother tongue", "first language"),
         "What was the first language of {s}?", "Is {o} the native language of {s}?"),
    Prop("P1412", "languages spoken, written or signed", ("human",), ("language",),
         ("language", "spoken language"), "Which languages does {s} speak?",
         "Does {s} speak {o}?"),
    Prop("P569", "date of birth", ("human",), ("date",), ("date of birth", "birth date", "birthday"),
         "When was {s} born?"),
    Prop("P570", "date of death", ("human",), ("date",), ("date of death", "death date"),
         "When did {s} die?"),
    Prop("P509", "cause of death", ("human",), ("disease",), ("cause of death",),
         "What did {s} die of?", "Did {s} die of {o}?"),
    Prop("P1050", "medical condition", ("human",), ("disease",),
         ("medical condition", "illness", "disease"), "What illness did {s} suffer from?",
         "Did {s} have {o}?"),
    Prop("P119", "place of burial", ("human",), ("city",), ("place of burial", "burial place"),
         "Where is {s} buried?", "Is {s} buried in {o}?"),
    Prop("P551", "residence", ("human",), ("city",), ("residence", "place of residence", "home"),
         "Where did {s} live?", "Did {s} live in {o}?"),
    Prop("P937", "work location", ("human",), ("city",), ("work location", "place of work"),
         "Where did {s} work?", "Did {s} work in {o}?"),
    Prop("P101", "field of work", ("human",), ("field",),
         ("field of work", "field", "area of expertise"), "What field did {s} work in?",
         "Did {s} work in {o}?"),
    Prop("P184", "doctoral advisor", ("human",), ("human",),
         ("doctoral advisor", "PhD supervisor", "thesis advisor"),
         "Who supervised the doctorate of {s}?", "Was {o} the doctoral advisor of {s}?"),
    Prop("P185", "doctoral student", ("human",), ("human",), ("doctoral student", "PhD student"),
         "Who were the doctoral students of {s}?", "Did {o} do a PhD under {s}?"),
    Prop("P802", "student", ("human",), ("human",), ("student", "pupil", "disciple"),
         "Who studied under {s}?", "Was {o} a pupil of {s}?"),
    Prop("P1066", "student of", ("human",), ("human",), ("teacher", "mentor"),
         "Who taught {s}?", "Was {s} a student of {o}?"),
    Prop("P737", "influenced by", ("human",), ("human",), ("influence", "inspiration"),
         "Who influenced {s}?", "Was {s} influenced by {o}?"),
    Prop("P800", "notable work", ("human",), ("book", "film", "painting"),
         ("notable work", "famous work", "best-known work"), "What is {s} best known for?",
         "Is {o} a notable work of {s}?"),
    Prop("P607", "conflict", ("human",), ("war",), ("conflict", "war"),
         "Which war did {s} fight in?", "Did {s} fight in the {o}?"),
    Prop("P1344", "participant in", ("human", "country"), ("event", "war"),
         ("event", "participation"), "What events did {s} take part in?",
         "Did {s} participate in the {o}?"),
    Prop("P2048", "height", ("human",), ("number",), ("height", "body height"),
         "How tall is {s}?", span=(1.5, 2.1, 2)),
    Prop("P1971", "number of children", ("human",), ("number",),
         ("number of children", "child count"), "How many children does {s} have?",
         span=(0, 12, 0)),
    Prop("P2218", "net worth", ("human",), ("number",), ("net worth", "fortune", "wealth"),
         "How rich is {s}?", span=(1e6, 2e11, 0)),
    Prop("P1350", "number of matches played", ("human",), ("number",),
         ("number of matches played", "appearances", "games played"), span=(10, 1000, 0)),
    Prop("P1449", "nickname", ("human", "city", "club", "team"), ("string",),
         ("nickname", "byname"), "What is {s} called informally?"),
    # Creative works.
    Prop("P57", "director", ("film",), ("human",), ("director", "film director"),
         "Who directed {s}?", "Was {s} directed by {o}?"),
    Prop("P58", "screenwriter", ("film",), ("human",), ("screenwriter", "script writer"),
         "Who wrote the screenplay of {s}?", "Did {o} write the script of {s}?"),
    Prop("P161", "cast member", _CREATIVE, ("human",), ("cast member", "actor", "star"),
         "Who starred in {s}?", "Did {o} act in {s}?"),
    Prop("P86", "composer", ("film",), ("human",), ("composer", "music composer"),
         "Who composed the music for {s}?", "Was the music of {s} composed by {o}?"),
    Prop("P162", "producer", _CREATIVE, ("human",), ("producer",), "Who produced {s}?",
         "Was {s} produced by {o}?"),
    Prop("P136", "genre", _CREATIVE, ("filmgenre",), ("genre", "film genre"),
         "What kind of film is {s}?", "Is {s} {ao}?"),
    Prop("P136", "genre", ("book",), ("litgenre",), ("genre", "literary genre"),
         "What genre is {s}?", "Is {s} a work of {o}?"),
    Prop("P50", "author", ("book",), ("human",), ("author", "writer"), "Who wrote {s}?",
         "Was {s} written by {o}?"),
    Prop("P123", "publisher", ("book", "videogame"), ("company",), ("publisher",),
         "Who published {s}?", "Was {s} published by {o}?"),
    Prop("P170", "creator", ("painting", "tvseries", "videogame"), ("human",),
         ("creator", "artist", "maker"), "Who created {s}?", "Was {s} created by {o}?"),
    Prop("P180", "depicts", ("painting",), ("human", "city", "building"),
         ("subject", "depicted subject"), "What does {s} depict?", "Does {s} depict {o}?"),
    Prop("P276", "location", ("painting",), ("museum",), ("location", "current location"),
         "Where is {s} kept?", "Is {s} kept in the {o}?"),
    Prop("P495", "country of origin", ("film", "tvseries", "band", "videogame"), ("country",),
         ("country of origin", "origin country"), "Which country does {s} come from?",
         "Is {s} from {o}?"),
    Prop("P364", "original language of film or TV show", _CREATIVE, ("language",),
         ("original language", "language"), "What language is {s} in?",
         "Was {s} originally made in {o}?"),
    Prop("P407", "language of work or name", ("book",), ("language",),
         ("language", "original language"), "What language was {s} written in?",
         "Was {s} written in {o}?"),
    Prop("P577", "publication date", ("film", "book", "videogame"), ("date",),
         ("publication date", "release date", "date of publication"), "When was {s} released?"),
    Prop("P155", "follows", ("film",), ("film",), ("predecessor", "prequel"),
         "What came before {s}?", "Does {s} follow {o}?"),
    Prop("P156", "followed by", ("book",), ("book",), ("sequel", "successor"),
         "What is the sequel to {s}?", "Is {o} the sequel to {s}?"),
    Prop("P2047", "duration", ("film",), ("number",), ("duration", "running time", "length"),
         "How long is {s}?", span=(80, 210, 0)),
    Prop("P2142", "box office", ("film",), ("number",), ("box office", "box office gross"),
         "How much did {s} earn at the box office?", span=(1e6, 3e9, 0)),
    Prop("P2130", "cost", ("film",), ("number",), ("cost", "budget", "production budget"),
         "How much did {s} cost to make?", span=(1e6, 4e8, 0)),
    Prop("P1113", "number of episodes", ("tvseries",), ("number",),
         ("number of episodes", "episode count"), "How many episodes does {s} have?",
         span=(10, 800, 0)),
    Prop("P2437", "number of seasons", ("tvseries",), ("number",),
         ("number of seasons", "season count"), "How many seasons does {s} have?",
         span=(1, 35, 0)),
    Prop("P527", "has part", ("band",), ("human",), ("member", "band member"),
         "Who are the members of {s}?", "Is {o} a member of {s}?"),
    Prop("P740", "location of formation", ("band",), ("city",),
         ("place of formation", "origin", "hometown"), "Where was {s} formed?",
         "Was {s} formed in {o}?"),
    # Places and states.
    Prop("P17", "country", _PLACES + ("river", "mountain", "event"), ("country",),
         ("country",), "Which country is {s} in?", "Is {s} located in {o}?"),
    Prop("P36", "capital", ("country", "region"), ("city",), ("capital", "capital city"),
         "What is the capital of {s}?", "Is {o} the capital of {s}?"),
    Prop("P37", "official language", ("country",), ("language",),
         ("official language", "language"), "What language is officially spoken in {s}?",
         "Is {o} an official language of {s}?"),
    Prop("P38", "currency", ("country",), ("currency",), ("currency", "money"),
         "What currency is used in {s}?", "Is the {o} the currency of {s}?"),
    Prop("P35", "head of state", ("country",), ("human",), ("head of state",),
         "Who is the head of state of {s}?", "Is {o} the head of state of {s}?"),
    Prop("P6", "head of government", ("country", "city"), ("human",),
         ("head of government", "leader", "government head"),
         "Who leads the government of {s}?", "Is {o} the head of government of {s}?"),
    Prop("P30", "continent", ("country",), ("continent",), ("continent",),
         "Which continent is {s} on?", "Is {s} in {o}?"),
    Prop("P47", "shares border with", ("country",), ("country",),
         ("neighbouring country", "bordering country", "neighbour"),
         "Which countries border {s}?", "Does {s} border {o}?"),
    Prop("P530", "diplomatic relation", ("country",), ("country",),
         ("diplomatic relation", "diplomatic partner"),
         "Which countries does {s} have diplomatic relations with?",
         "Does {s} have diplomatic relations with {o}?"),
    Prop("P463", "member of", ("country",), ("org",), ("membership", "member organisation"),
         "Which organisations is {s} a member of?", "Is {s} a member of the {o}?"),
    Prop("P463", "member of", ("human",), ("band",), ("band", "group"),
         "Which band was {s} in?", "Was {s} a member of {o}?"),
    Prop("P421", "located in time zone", ("country", "city", "region"), ("timezone",),
         ("time zone",), "What time zone is {s} in?", "Is {s} in the {o}?"),
    Prop("P150", "contains administrative territorial entity", ("country",), ("region",),
         ("administrative division", "subdivision", "state"),
         "What are the subdivisions of {s}?", "Does {s} contain {o}?"),
    Prop("P131", "located in the administrative territorial entity", _PLACES, ("region",),
         ("administrative region", "state", "region"), "In which region is {s}?",
         "Is {s} in {o}?"),
    Prop("P190", "twinned administrative body", ("city",), ("city",),
         ("twin city", "sister city", "twin town"), "What are the sister cities of {s}?",
         "Is {s} twinned with {o}?"),
    Prop("P206", "located in or next to body of water", ("city",), ("river",),
         ("body of water", "river"), "Which river flows through {s}?", "Is {s} on the {o}?"),
    Prop("P610", "highest point", ("country", "continent", "region"), ("mountain",),
         ("highest point", "highest peak", "tallest mountain"),
         "What is the highest mountain in {s}?", "Is {o} the highest point of {s}?"),
    Prop("P1082", "population", ("country", "city", "region"), ("number",),
         ("population", "number of inhabitants", "inhabitants"), "How many people live in {s}?",
         span=(5e3, 1.4e9, 0)),
    Prop("P2046", "area", ("country", "city", "region"), ("number",),
         ("area", "surface area", "size"), "How big is {s}?", span=(10, 1.7e7, 1)),
    Prop("P2044", "elevation above sea level", ("city", "mountain"), ("number",),
         ("elevation", "altitude", "height above sea level"), "How high is {s}?",
         span=(1, 8848, 0)),
    Prop("P1081", "Human Development Index", ("country",), ("number",),
         ("Human Development Index", "HDI"), span=(0.35, 0.96, 3)),
    Prop("P2131", "nominal GDP", ("country",), ("number",), ("nominal GDP", "GDP"),
         "How large is the economy of {s}?", span=(1e9, 2.5e13, 0)),
    Prop("P2250", "life expectancy", ("country",), ("number",), ("life expectancy",),
         "How long do people live in {s}?", span=(50, 85, 1)),
    Prop("P1448", "official name", ("country", "city"), ("string",), ("official name", "formal name")),
    Prop("P1451", "motto text", ("country", "university"), ("string",), ("motto",),
         "What is the motto of {s}?"),
    # Organisations.
    Prop("P571", "inception", _FOUNDED, ("date",),
         ("inception", "founding date", "date of foundation"), "When was {s} founded?"),
    Prop("P576", "dissolved, abolished or demolished date", ("company", "band", "party", "org"),
         ("date",), ("dissolution date", "end date"), "When did {s} cease to exist?"),
    Prop("P112", "founded by", ("company", "university", "org", "party"), ("human",),
         ("founder",), "Who founded {s}?", "Was {s} founded by {o}?"),
    Prop("P159", "headquarters location", ("company", "org", "party"), ("city",),
         ("headquarters", "head office", "seat"), "Where is {s} based?",
         "Is {s} headquartered in {o}?"),
    Prop("P169", "chief executive officer", ("company",), ("human",),
         ("CEO", "chief executive officer", "chief executive"), "Who runs {s}?",
         "Is {o} the CEO of {s}?"),
    Prop("P452", "industry", ("company",), ("industry",), ("industry", "sector", "business"),
         "What industry is {s} in?", "Does {s} work in the {o}?"),
    Prop("P127", "owned by", ("company", "club"), ("company", "human"), ("owner",),
         "Who owns {s}?", "Is {s} owned by {o}?"),
    Prop("P749", "parent organization", ("company",), ("company",),
         ("parent company", "parent organization"), "Which company owns {s}?",
         "Is {o} the parent company of {s}?"),
    Prop("P355", "subsidiary", ("company",), ("company",), ("subsidiary", "daughter company"),
         "What subsidiaries does {s} have?", "Is {o} a subsidiary of {s}?"),
    Prop("P178", "developer", ("software", "videogame", "proglang"), ("company", "human"),
         ("developer", "creator"), "Who developed {s}?", "Was {s} developed by {o}?"),
    Prop("P277", "programmed in", ("software",), ("proglang",),
         ("programming language", "implementation language"), "What language is {s} written in?",
         "Is {s} written in {o}?"),
    Prop("P488", "chairperson", ("org", "party", "company"), ("human",),
         ("chairperson", "chair", "president"), "Who chairs {s}?", "Is {o} the chair of {s}?"),
    Prop("P1037", "director / manager", ("org", "museum", "university"), ("human",),
         ("director", "manager", "head"), "Who heads {s}?", "Is {o} the director of {s}?"),
    Prop("P1128", "employees", _INSTITUTIONS, ("number",),
         ("employees", "number of employees", "staff", "workforce"),
         "How many people work for {s}?", span=(200, 2.3e6, 0)),
    Prop("P2139", "total revenue", ("company",), ("number",), ("total revenue", "revenue", "turnover"),
         "How much money does {s} make?", span=(1e8, 6e11, 0)),
    Prop("P2196", "students count", ("university",), ("number",),
         ("students count", "number of students", "enrolment"),
         "How many students attend {s}?", span=(2000, 70000, 0)),
    Prop("P1813", "short name", ("country", "org", "company", "university"), ("string",),
         ("short name", "abbreviation", "acronym")),
    # Sport.
    Prop("P118", "league", ("club", "team"), ("league",), ("league", "competition"),
         "Which league does {s} play in?", "Does {s} play in the {o}?"),
    Prop("P115", "home venue", ("club", "team"), ("building",),
         ("home venue", "home stadium", "home ground"), "Where does {s} play its home games?",
         "Is {o} the home ground of {s}?"),
    Prop("P286", "head coach", ("club", "team"), ("human",), ("head coach", "coach", "manager"),
         "Who coaches {s}?", "Is {o} the coach of {s}?"),
    Prop("P641", "sport", ("club", "team", "league", "event"), ("sport",), ("sport",),
         "What sport does {s} play?", "Is {s} {ao} club?"),
    Prop("P641", "sport", ("human",), ("sport",), ("sport", "discipline"),
         "Which sport does {s} play?", "Does {s} play {o}?"),
    Prop("P1346", "winner", ("event",), ("human", "country", "club"), ("winner", "champion"),
         "Who won the {s}?", "Did {o} win the {s}?"),
    Prop("P710", "participant", ("war", "event"), ("country",), ("participant", "belligerent"),
         "Who took part in the {s}?", "Did {o} take part in the {s}?"),
    Prop("P1352", "ranking", ("human", "club", "team"), ("number",), ("ranking", "rank"),
         "What is the current rank of {s}?", span=(1, 200, 0)),
    Prop("P1083", "maximum capacity", ("building",), ("number",),
         ("maximum capacity", "capacity", "number of seats"), "How many people fit in {s}?",
         span=(500, 100000, 0)),
    # Science and nature.
    Prop("P1086", "atomic number", ("element",), ("number",), ("atomic number", "proton number"),
         span=(1, 92, 0)),
    Prop("P2101", "melting point", ("element", "compound"), ("number",),
         ("melting point", "fusion point"), "At what temperature does {s} melt?",
         span=(-260, 3500, 2)),
    Prop("P2102", "boiling point", ("element", "compound"), ("number",), ("boiling point",),
         "At what temperature does {s} boil?", span=(-270, 5900, 2)),
    Prop("P2054", "density", ("element", "compound"), ("number",), ("density", "mass density"),
         "How dense is {s}?", span=(0.0001, 22.6, 4)),
    Prop("P2067", "mass", ("element", "compound", "planet"), ("number",), ("mass", "weight"),
         "How heavy is {s}?", span=(1.008, 1e25, 3)),
    Prop("P246", "element symbol", ("element",), ("string",),
         ("element symbol", "chemical symbol", "symbol")),
    Prop("P274", "chemical formula", ("compound",), ("string",), ("chemical formula", "formula")),
    Prop("P2175", "medical condition treated", ("compound",), ("disease",),
         ("medical condition treated", "indication"), "What does {s} treat?",
         "Is {s} used to treat {o}?"),
    Prop("P2176", "drug used for treatment", ("disease",), ("compound",),
         ("drug used for treatment", "treatment", "medication"),
         "What drug is used to treat {s}?", "Is {o} used to treat {s}?"),
    Prop("P1995", "health specialty", ("disease",), ("field",),
         ("health specialty", "medical specialty"), "Which medical specialty deals with {s}?"),
    Prop("P1120", "number of deaths", ("disease", "war", "event"), ("number",),
         ("number of deaths", "death toll", "fatalities"), "How many people died in {s}?",
         span=(100, 7e7, 0)),
    Prop("P2043", "length", ("river",), ("number",), ("length",), "How long is the {s}?",
         span=(200, 6650, 0)),
    Prop("P2053", "watershed area", ("river",), ("number",), ("watershed area", "drainage basin"),
         span=(1e3, 7e6, 0)),
    Prop("P403", "mouth of the watercourse", ("river",), ("river",),
         ("mouth", "mouth of the watercourse"), "Into which river does the {s} flow?",
         "Does the {s} flow into the {o}?"),
    Prop("P2660", "topographic prominence", ("mountain",), ("number",),
         ("topographic prominence", "prominence"), span=(100, 8848, 0)),
    Prop("P2146", "orbital period", ("planet",), ("number",), ("orbital period", "year length"),
         "How long does {s} take to orbit the Sun?", span=(88, 60190, 2)),
    Prop("P2120", "radius", ("planet",), ("number",), ("radius",), "How big is {s}?",
         span=(2439.7, 69911, 1)),
    Prop("P138", "named after", ("city", "building", "university", "planet", "element"),
         ("human",), ("namesake", "eponym"), "Who is {s} named after?", "Is {s} named after {o}?"),
    Prop("P279", "subclass of", ("musicgenre",), ("musicgenre",), ("parent genre", "broader genre"),
         "What genre is {s} derived from?", "Is {s} a kind of {o}?"),
    Prop("P279", "subclass of", ("occupation",), ("occupation",), ("broader occupation",),
         ask="Is {s} a kind of {o}?"),
    Prop("P279", "subclass of", ("field",), ("field",), ("parent field", "broader field"),
         "Which field is {s} a part of?", "Is {s} a branch of {o}?"),
    Prop("P1098", "number of speakers, writers, or signers", ("language",), ("number",),
         ("number of speakers", "speaker count"), "How many people speak {s}?",
         span=(1e5, 1.5e9, 0)),
    Prop("P282", "writing system", ("language",), ("script",), ("writing system", "script", "alphabet"),
         "What script is {s} written in?", "Is {s} written in {o}?"),
    # Buildings and offices.
    Prop("P84", "architect", ("building", "museum"), ("human",), ("architect", "designer"),
         "Who designed {s}?", "Was {s} designed by {o}?"),
    Prop("P2048", "height", ("building",), ("number",), ("height",), "How tall is {s}?",
         span=(20, 830, 1)),
    Prop("P1174", "visitors per year", ("building", "museum"), ("number",),
         ("visitors per year", "annual visitors", "visitor count"),
         "How many people visit {s} each year?", span=(1e5, 1e7, 0)),
    Prop("P1619", "date of official opening", ("building", "museum"), ("date",),
         ("opening date", "date of official opening"), "When did {s} open?"),
    Prop("P1001", "applies to jurisdiction", ("position",), ("country",),
         ("jurisdiction", "country of jurisdiction"), "Which country is {s} an office of?"),
    Prop("P1308", "officeholder", ("position",), ("human",),
         ("officeholder", "holder", "incumbent"), "Who has held the office of {s}?",
         "Was {o} a holder of the office of {s}?"),
    Prop("P2097", "term length of office", ("position",), ("number",),
         ("term length", "length of term"), "How long is a term as {s}?", span=(1, 10, 0)),
    Prop("P1027", "conferred by", ("award",), _INSTITUTIONS, ("awarding body", "presenter"),
         "Who awards the {s}?", "Is the {s} awarded by {o}?"),
    Prop("P2121", "prize money", ("award",), ("number",), ("prize money", "cash prize"),
         "How much money comes with the {s}?", span=(1e3, 1.2e6, 0)),
    Prop("P585", "point in time", ("event",), ("date",), ("point in time", "date"),
         "When did the {s} take place?"),
    Prop("P580", "start time", ("war",), ("date",), ("start time", "start date"),
         "When did the {s} begin?"),
    Prop("P582", "end time", ("war",), ("date",), ("end time", "end date"),
         "When did the {s} end?"),
)

# Which qualifiers each statement property carries, for the p:/ps:/pq: templates.
STATEMENT_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "P39": ("P580", "P582", "P1365", "P1366"),
    "P26": ("P580", "P582"),
    "P166": ("P585", "P1686"),
    "P1411": ("P585", "P1686"),
    "P69": ("P580", "P582"),
    "P108": ("P580", "P582"),
    "P54": ("P580", "P582"),
    "P551": ("P580", "P582"),
    "P102": ("P580", "P582"),
    "P35": ("P580", "P582"),
    "P6": ("P580", "P582"),
    "P286": ("P580", "P582"),
    "P169": ("P580", "P582"),
    "P488": ("P580", "P582"),
    "P463": ("P580",),
    "P1082": ("P585",),
    "P2131": ("P585",),
    "P1128": ("P585",),
    "P2139": ("P585",),
}

# Wording of a qualifier in natural questions: (preposition before a year, question about
# the qualifier value). {s} subject, {o} statement object, {p} statement noun.
QUALIFIER_WORDING: dict[str, tuple[str, str]] = {
    "P580": ("starting in", "When did {s} start having {o} as {p}?"),
    "P582": ("until", "When did {s} stop having {o} as {p}?"),
    "P585": ("in", "When did {s} get {o} as {p}?"),
    "P1365": ("after", "Who did {s} replace as {o}?"),
    "P1366": ("before", "Who replaced {s} as {o}?"),
    "P1686": ("for", "For which work did {s} get the {o}?"),
}

# Natural phrasings per template. Fields: s/sp subject label and its possessive, o object
# label, p/p1/p2 property wording, t/ts class label and plural, n number, cmp comparison,
# y year, when date phrase, q qualifier wording, w word, c letter, sup superlative.
PHRASES: dict[str, tuple[str, ...]] = {
    "simple": ("What is the {p} of {s}?", "What is {sp} {p}?", "Tell me the {p} of {s}.",
               "Which {p} does {s} have?", "{sp} {p} is what?"),
    "right_type": ("What {t} is the {p} of {s}?", "Which {t} is {sp} {p}?",
                   "Name the {t} that is the {p} of {s}.", "What is the {p} of {s} that is {at}?",
                   "Tell me the {t} which is {sp} {p}."),
    "left_type": ("Which {t} has {o} as its {p}?", "What {t} has the {p} {o}?",
                  "Name {at} whose {p} is {o}.", "Tell me the {t} whose {p} is {o}.",
                  "{o} is the {p} of which {t}?"),
    "two_hop": ("What is the {p2} of the {p1} of {s}?", "What is the {p2} of {sp} {p1}?",
                "Tell me the {p2} of {sp} {p1}.", "{sp} {p1} has what {p2}?"),
    "hop_constraint": ("What is the {p1} of {s} whose {p2} is {o}?",
                       "Which {p1} of {s} has {o} as its {p2}?",
                       "What {p1} of {s} has the {p2} {o}?",
                       "{s} has which {p1} with {p2} {o}?"),
    "hop_year": ("What is the {p1} of {s} whose {p2} is in {y}?",
                 "Which {p1} of {s} has a {p2} in {y}?", "What {p1} of {s} has {y} as its {p2}?",
                 "Name the {p1} of {s} with {p2} {when}."),
    "ask_num": ("Is the {p} of {s} {cmp} {n}?", "Does {s} have a {p} {cmp} {n}?",
                "Is it true that the {p} of {s} is {cmp} {n}?", "Is {sp} {p} {cmp} {n}?"),
    "ask_ent": ("Is {o} the {p} of {s}?", "Is it true that {sp} {p} is {o}?",
                "Does {s} have {o} as {p}?", "Was {o} {sp} {p}?"),
    "ask_two": ("Are {o} the {p} of {s}?", "Does {s} have {o} as {p}?",
                "Is it true that the {p} of {s} include {o}?", "Were {o} both {p} of {s}?"),
    "count_obj": ("How many {ps} does {s} have?", "What is the number of {ps} of {s}?",
                  "Count the {ps} of {s}.", "How many {ps} are there for {s}?"),
    "count_sub": ("How many {ts} have {o} as their {p}?", "How many {ts} have the {p} {o}?",
                  "Count the {ts} whose {p} is {o}.", "What is the number of {ts} with {p} {o}?"),
    "qual_year": ("What was the {p} of {s} {q} {y}?", "What {p} did {s} have {q} {y}?",
                  "{Q} {y}, what was {sp} {p}?", "What was {sp} {p} with {qn} {when}?",
                  "What is the {p} of {s} whose {qn} is {when}?"),
    "qual_ent": ("What is the {p} of {s} {q} {o}?", "What {p} of {s} has {o} as {qn}?",
                 "Which {p} did {s} have with {qn} {o}?", "What was {sp} {p} {q} {o}?"),
    "qual_value": ("What is the {qn} of {sp} {p} {o}?",
                   "What was the {qn} for {s} having {o} as {p}?",
                   "Tell me the {qn} of {s} with {p} {o}."),
    "contains_word": ("Which {t} contains the word {w} in its name?",
                      "Name {at} with the word \"{w}\" in its name.",
                      "What {ts} have {w} in their name?",
                      "Tell me the {t} whose name has the word {w} in it."),
    "contains_word_pred": ("Which {t} whose {p} is {o} contains the word {w} in its name?",
                           "Name {at} with {p} {o} that has the word \"{w}\" in its name.",
                           "Tell me the {t} that has {o} as {p} and contains the word {w} in its name.",
                           "What {t} has the {p} {o} and the word {w} in its name?"),
    "starts_letter": ("Which {t} starts with the letter {c}?", "Name {at} that begins with {c}.",
                      "What {ts} start with the letter {c}?",
                      "Give me {at} whose name starts with \"{c}\"."),
    "starts_letter_pred": ("Which {t} whose {p} is {o} starts with the letter {c}?",
                           "Name {at} with {p} {o} that begins with {c}.",
                           "Tell me the {t} that has {o} as {p} and starts with the letter {c}."),
    "rank": ("Which {t} has the {sup} {p}?", "What is the {t} with the {sup} {p}?",
             "Name the {t} with the {sup} {p}.", "Tell me the {t} that has the {sup} {p}."),
    "rank_pred": ("Which {t} whose {p2} is {o} has the {sup} {p}?",
                  "What is the {t} with the {sup} {p} whose {p2} is {o}?",
                  "Among the {ts} with {p2} {o}, which has the {sup} {p}?",
                  "Name the {t} with {p2} {o} and the {sup} {p}."),
    "two_answers": ("What is the {p1} and the {p2} of {s}?", "What are {sp} {p1} and {p2}?",
                    "Tell me the {p1} and {p2} of {s}.",
                    "What {p1} does {s} have, and what is its {p2}?"),
}

# Relative frequency of each template, roughly following the LC-QuAD 2.0 distribution.
TEMPLATE_WEIGHTS: dict[str, int] = {
    "simple": 60, "right_type": 215, "left_type": 213, "two_hop": 230, "hop_constraint": 260,
    "hop_year": 60, "ask_num": 212, "ask_ent": 60, "ask_two": 60, "count_obj": 70,
    "count_sub": 100, "qual_year": 250, "qual_ent": 110, "qual_value": 350,
    "contains_word": 90, "contains_word_pred": 80, "starts_letter": 90,
    "starts_letter_pred": 80, "rank": 40, "rank_pred": 106, "two_answers": 92,
}

_COMPARE = {
    "=": ("equals", ("equal to", "", "exactly")),
    "<": ("less than", ("less than", "smaller than", "lower than", "below")),
    ">": ("greater than", ("greater than", "more than", "higher than", "above")),
}
_SUPERLATIVE = {
    "DESC": ("MAX", ("highest", "largest", "greatest", "maximum", "biggest")),
    "ASC": ("MIN", ("lowest", "smallest", "least", "minimum")),
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_STOPWORDS = frozenset({"the", "of", "and", "for", "in", "de", "del", "la", "von", "van", "a"})
_PLURAL_OVERRIDES = {"human": "people", "child": "children", "wife": "wives"}
# In "place of death" or "award received" the head noun, not the last word, takes the plural.
_PLURAL_SPLITS = (" of ", " used ", " received", " held", " spoken", " treated")


# Lookups the templates draw from, built once in catalogue order (so seeds are stable).
_MAIN_PROPS = tuple(p for p in PROPERTIES if p.subj)
_QUALIFIERS = {p.pid: p for p in PROPERTIES if not p.subj}
_DATE_QUALIFIERS = ("P580", "P582", "P585")
_BY_SUBJ = {t: tuple(p for p in _MAIN_PROPS if t in p.subj) for t in ENTITIES}
_ENTITY_PROPS = tuple(p for p in _MAIN_PROPS if p.obj[0] in ENTITIES)
_NUMBER_PROPS = tuple(p for p in _MAIN_PROPS if p.obj == ("number",))
_DATE_PROPS = tuple(p for p in _MAIN_PROPS if p.obj == ("date",))
_STATEMENT_PROPS = tuple(p for p in _MAIN_PROPS if p.pid in STATEMENT_QUALIFIERS)
_TYPES = tuple(ENTITIES)
_RANK_TYPES = tuple(t for t in _TYPES if any(t in p.subj for p in _NUMBER_PROPS))
_MULTI_PROP_TYPES = tuple(t for t in _TYPES if len(_BY_SUBJ[t]) >= 2)


class _Draft(NamedTuple):
    template: str
    sparql: str
    nnqt: str
    question: str


def _plural(word: str) -> str:
    if word in _PLURAL_OVERRIDES:
        return _PLURAL_OVERRIDES[word]
    for sep in _PLURAL_SPLITS:
        if sep in word:
            head, rest = word.split(sep, 1)
            return f"{_plural(head)}{sep}{rest}"
    head, _, tail = word.rpartition(" ")
    prefix = head + " " if head else ""
    if tail in _PLURAL_OVERRIDES:
        return prefix + _PLURAL_OVERRIDES[tail]
    if tail.endswith("y") and tail[-2:-1] not in "aeiou":
        return prefix + tail[:-1] + "ies"
    if tail.endswith(("ss", "x", "ch", "sh")):
        return prefix + tail + "es"
    if tail.endswith("s"):
        return prefix + tail
    return prefix + tail + "s"


def _a(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _poss(label: str) -> str:
    return label + ("'" if label.endswith("s") else "'s")


def _pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def _entity(rng: random.Random, etype: str) -> tuple[str, str]:
    return _pick(rng, ENTITIES[etype])


def _subject(rng: random.Random, prop: Prop) -> tuple[str, str]:
    return _entity(rng, _pick(rng, prop.subj))


def _noun(rng: random.Random, prop: Prop) -> str:
    return _pick(rng, prop.nouns)


def _number(rng: random.Random, prop: Prop) -> str:
    """A plausible value for a numeric property, log-uniform over wide ranges."""
    lo, hi, decimals = prop.span
    if lo > 0 and hi / lo > 100:
        value = lo * (hi / lo) ** rng.random()
    else:
        value = lo + (hi - lo) * rng.random()
    return str(int(round(value))) if decimals == 0 else str(round(value, decimals))


def _date(rng: random.Random, lo: int = 1850, hi: int = 2020) -> tuple[str, str, str]:
    """(year, NNQT date like '1994-0-0', natural date phrase) for a random date."""
    year = rng.randint(lo, hi)
    if rng.random() < 0.5:
        return str(year), f"{year}-0-0", f"in {year}"
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return str(year), f"{year}-{month}-{day}", f"on {_MONTHS[month - 1]} {day}, {year}"


def _phrase(rng: random.Random, template: str, own: str = "", **fields) -> str:
    """A natural question: the property's own phrasing (when it has one) or a generic one."""
    pattern = own if own and rng.random() < 0.5 else _pick(rng, PHRASES[template])
    return " ".join(pattern.format(**fields).split())


def _simple(rng: random.Random) -> _Draft:
    p = _pick(rng, _MAIN_PROPS)
    qid, s = _subject(rng, p)
    return _Draft(
        "simple",
        f"SELECT DISTINCT ?answer WHERE {{ wd:{qid} wdt:{p.pid} ?answer }}",
        f"What is {{{p.label}}} of {{{s}}} ?",
        _phrase(rng, "simple", p.wh, s=s, sp=_poss(s), p=_noun(rng, p)))


def _right_type(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p)
    cid, t = _pick(rng, CLASSES[_pick(rng, p.obj)])
    return _Draft(
        "right_type",
        f" select distinct ?obj where {{ wd:{qid} wdt:{p.pid} ?obj . ?obj wdt:P31 wd:{cid} }} ",
        f"What is the {{{t}}} for {{{p.label}}} of {{{s}}}",
        _phrase(rng, "right_type", p.wh, s=s, sp=_poss(s), p=_noun(rng, p), t=t, at=_a(t)))


def _left_type(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    oid, o = _entity(rng, _pick(rng, p.obj))
    cid, t = _pick(rng, CLASSES[_pick(rng, p.subj)])
    return _Draft(
        "left_type",
        f" select distinct ?sbj where {{ ?sbj wdt:{p.pid} wd:{oid} . ?sbj wdt:P31 wd:{cid} }} ",
        f"What is the {{{t}}} for {{{p.label}}} of {{{o}}}",
        _phrase(rng, "left_type", o=o, p=_noun(rng, p), t=t, at=_a(t)))


def _hop_pair(rng: random.Random, second: tuple[Prop, ...]) -> tuple[Prop, Prop]:
    """A property chain p1 -> p2 where p2's subject type is p1's object type."""
    while True:
        p1 = _pick(rng, _ENTITY_PROPS)
        options = tuple(p for p in _BY_SUBJ[_pick(rng, p1.obj)] if p in second and p != p1)
        if options:
            return p1, _pick(rng, options)


def _two_hop(rng: random.Random) -> _Draft:
    p1, p2 = _hop_pair(rng, _MAIN_PROPS)
    qid, s = _subject(rng, p1)
    return _Draft(
        "two_hop",
        f"SELECT ?answer WHERE {{ wd:{qid} wdt:{p1.pid} ?X . ?X wdt:{p2.pid} ?answer}}",
        f"What is {{{p2.label}}} of {{{p1.label}}} of {{{s}}} ?",
        _phrase(rng, "two_hop", s=s, sp=_poss(s), p1=_noun(rng, p1), p2=_noun(rng, p2)))


def _hop_constraint(rng: random.Random) -> _Draft:
    p1, p2 = _hop_pair(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p1)
    oid, o = _entity(rng, _pick(rng, p2.obj))
    return _Draft(
        "hop_constraint",
        f"SELECT ?answer WHERE {{ wd:{qid} wdt:{p1.pid} ?answer . ?answer wdt:{p2.pid} wd:{oid}}}",
        f"What is {{{p1.label}}} of {{{s}}}, that has {{{p2.label}}} is {{{o}}} ?",
        _phrase(rng, "hop_constraint", s=s, o=o, p1=_noun(rng, p1), p2=_noun(rng, p2)))


def _hop_year(rng: random.Random) -> _Draft:
    p1, p2 = _hop_pair(rng, _DATE_PROPS)
    qid, s = _subject(rng, p1)
    year, _, when = _date(rng)
    return _Draft(
        "hop_year",
        f"SELECT ?answer WHERE {{ wd:{qid} wdt:{p1.pid} ?answer . ?answer wdt:{p2.pid} ?x "
        f"FILTER(contains(YEAR(?x),'{year}'))}}",
        f"What is {{{p1.label}}} of {{{s}}}, that has {{{p2.label}}} is {{{year}-1-1}} ?",
        _phrase(rng, "hop_year", s=s, y=year, when=when, p1=_noun(rng, p1), p2=_noun(rng, p2)))


def _ask_num(rng: random.Random) -> _Draft:
    p = _pick(rng, _NUMBER_PROPS)
    qid, s = _subject(rng, p)
    n = _number(rng, p)
    op = _pick(rng, ("=", "=", "=", "<", ">"))
    word, natural = _COMPARE[op]
    return _Draft(
        "ask_num",
        f"ASK WHERE {{ wd:{qid} wdt:{p.pid} ?obj filter(?obj {op} {n}) }} ",
        f"Does the {{{p.label}}} of the {{{s}}} {{{word}}} {{{n}}}",
        _phrase(rng, "ask_num", s=s, sp=_poss(s), p=_noun(rng, p), n=n, cmp=_pick(rng, natural)))


def _ask_ent(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p)
    oid, o = _entity(rng, _pick(rng, p.obj))
    return _Draft(
        "ask_ent",
        f"ASK WHERE {{ wd:{qid} wdt:{p.pid} wd:{oid} }}",
        f"Did {{{s.replace(' ', '_')}}} {{{p.label}}} {{{o}}}?",
        _phrase(rng, "ask_ent", p.ask, s=s, sp=_poss(s), o=o, ao=_a(o), p=_noun(rng, p)))


def _ask_two(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p)
    (oid1, o1), (oid2, o2) = rng.sample(ENTITIES[_pick(rng, p.obj)], 2)
    both = f"{o1} and {o2}"
    return _Draft(
        "ask_two",
        f"ASK WHERE {{ wd:{qid} wdt:{p.pid} wd:{oid1} . wd:{qid} wdt:{p.pid} wd:{oid2} }}",
        f"Did {{{s.replace(' ', '_')}}} {{{p.label}}} {{{o1}}} and {{{o2}}} ?",
        _phrase(rng, "ask_two", p.ask, s=s, o=both, ao=_a(both), p=_noun(rng, p)))


def _count_obj(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p)
    return _Draft(
        "count_obj",
        f"SELECT (COUNT(?obj) AS ?value ) {{ wd:{qid} wdt:{p.pid} ?obj }}",
        f"How many {{{p.label}}} are for {{{s}}} ?",
        _phrase(rng, "count_obj", s=s, ps=_plural(_noun(rng, p))))


def _count_sub(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    oid, o = _entity(rng, _pick(rng, p.obj))
    ts = _plural(_pick(rng, CLASSES[_pick(rng, p.subj)])[1])
    return _Draft(
        "count_sub",
        f"SELECT (COUNT(?sub) AS ?value ) {{ ?sub wdt:{p.pid} wd:{oid} }}",
        f"How many {{{p.label}}} are to/by {{{o}}} ?",
        _phrase(rng, "count_sub", o=o, ts=ts, p=_noun(rng, p)))


def _statement(rng: random.Random, want_date: bool | None) -> tuple[Prop, Prop]:
    """A statement property and one of its qualifiers (date-valued, entity-valued or either)."""
    while True:
        p = _pick(rng, _STATEMENT_PROPS)
        quals = tuple(q for q in STATEMENT_QUALIFIERS[p.pid]
                      if want_date is None or (q in _DATE_QUALIFIERS) == want_date)
        if quals:
            return p, _QUALIFIERS[_pick(rng, quals)]


def _qual_year(rng: random.Random) -> _Draft:
    p, q = _statement(rng, True)
    qid, s = _subject(rng, p)
    year, date, when = _date(rng, 1900, 2020)
    prep = QUALIFIER_WORDING[q.pid][0]
    return _Draft(
        "qual_year",
        f"SELECT ?obj WHERE {{ wd:{qid} p:{p.pid} ?s . ?s ps:{p.pid} ?obj . ?s pq:{q.pid} ?x "
        f"filter(contains(YEAR(?x),'{year}')) }}",
        f"What is {{{p.label}}} of {{{s}}} that is {{{q.label}}} is {{{date}}} ?",
        _phrase(rng, "qual_year", s=s, sp=_poss(s), p=_noun(rng, p), q=prep, Q=prep.capitalize(),
                qn=_noun(rng, q), y=year, when=when))


def _qual_ent(rng: random.Random) -> _Draft:
    p, q = _statement(rng, False)
    qid, s = _subject(rng, p)
    oid, o = _entity(rng, _pick(rng, q.obj))
    return _Draft(
        "qual_ent",
        f"SELECT ?obj WHERE {{ wd:{qid} p:{p.pid} ?s . ?s ps:{p.pid} ?obj . ?s pq:{q.pid} wd:{oid} }}",
        f"What is {{{p.label}}} of {{{s}}} that is {{{q.label}}} is {{{o}}} ?",
        _phrase(rng, "qual_ent", s=s, sp=_poss(s), o=o, p=_noun(rng, p),
                q=QUALIFIER_WORDING[q.pid][0], qn=_noun(rng, q)))


def _qual_value(rng: random.Random) -> _Draft:
    p, q = _statement(rng, None)
    while p.obj[0] not in ENTITIES:
        p, q = _statement(rng, None)
    qid, s = _subject(rng, p)
    oid, o = _entity(rng, _pick(rng, p.obj))
    return _Draft(
        "qual_value",
        f"SELECT ?value WHERE {{ wd:{qid} p:{p.pid} ?s . ?s ps:{p.pid} wd:{oid} . ?s pq:{q.pid} ?value}}",
        f"what is the {{{q.label}}} for {{{s}}} has {{{p.label}}} as {{{o}}} ?",
        _phrase(rng, "qual_value", QUALIFIER_WORDING[q.pid][1], s=s, sp=_poss(s), o=o,
                p=_noun(rng, p), qn=_noun(rng, q)))


def _label_filter(rng: random.Random, with_pred: bool, starts: bool) -> _Draft:
    """The rdfs:label CONTAINS / STRSTARTS templates, optionally with one extra triple."""
    etype = _pick(rng, _TYPES)
    cid, t = _pick(rng, CLASSES[etype])
    label = _entity(rng, etype)[1].lower()
    if starts:
        needle = label[0]
        func, tail = "STRSTARTS", f"starts with {{'{needle}'}}"
    else:
        words = [w.strip(".,:'()") for w in label.split()]
        needle = _pick(rng, [w for w in words if len(w) > 2 and w not in _STOPWORDS] or [label])
        func, tail = "CONTAINS", f"contains the word {{{needle}}} in their name"
    fields = {"t": t, "at": _a(t), "ts": _plural(t), "w": needle, "c": needle}
    triple, nnqt_pred = "", ""
    options = tuple(p for p in _BY_SUBJ[etype] if p in _ENTITY_PROPS)
    if with_pred and options:
        p = _pick(rng, options)
        oid, o = _entity(rng, _pick(rng, p.obj))
        triple = f"?sbj wdt:{p.pid} wd:{oid} . "
        nnqt_pred = f" {{{p.label}}} {{{o}}} and which" + (" that" if starts else "")
        fields.update(p=_noun(rng, p), o=o)
    name = ("starts_letter" if starts else "contains_word") + ("_pred" if triple else "")
    return _Draft(
        name,
        f"SELECT DISTINCT ?sbj ?sbj_label WHERE {{ ?sbj wdt:P31 wd:{cid} . {triple}"
        f"?sbj rdfs:label ?sbj_label . FILTER({func}(lcase(?sbj_label), '{needle}')) . "
        f"FILTER (lang(?sbj_label) = 'en') }} LIMIT 25 ",
        f"Give me {{{t}}} that{nnqt_pred} {tail}",
        _phrase(rng, name, **fields))


def _rank(rng: random.Random, with_pred: bool) -> _Draft:
    """The ORDER BY ... LIMIT 5 superlative templates, optionally with one extra triple."""
    etype = _pick(rng, _RANK_TYPES)
    cid, t = _pick(rng, CLASSES[etype])
    p = _pick(rng, tuple(x for x in _NUMBER_PROPS if etype in x.subj))
    order = _pick(rng, ("DESC", "ASC"))
    agg, sups = _SUPERLATIVE[order]
    fields = {"t": t, "ts": _plural(t), "p": _noun(rng, p), "sup": _pick(rng, sups)}
    options = tuple(x for x in _BY_SUBJ[etype] if x in _ENTITY_PROPS)
    if with_pred and options:
        p2 = _pick(rng, options)
        oid, o = _entity(rng, _pick(rng, p2.obj))
        return _Draft(
            "rank_pred",
            f"select ?ent where {{ ?ent wdt:P31 wd:{cid} . ?ent wdt:{p.pid} ?obj . "
            f"?ent wdt:{p2.pid} wd:{oid}}} ORDER BY {order}(?obj)LIMIT 5 ",
            f"What is the {{{t}}} with the {{{agg}({p.label})}} whose {{{p2.label}}} is {{{o}}}  ?",
            _phrase(rng, "rank_pred", p2=_noun(rng, p2), o=o, **fields))
    return _Draft(
        "rank",
        f"select ?ent where {{ ?ent wdt:P31 wd:{cid} . ?ent wdt:{p.pid} ?obj }} "
        f"ORDER BY {order}(?obj)LIMIT 5 ",
        f"What is the {{{t}}} with the {{{agg}({p.label})}} ?",
        _phrase(rng, "rank", **fields))


def _two_answers(rng: random.Random) -> _Draft:
    etype = _pick(rng, _MULTI_PROP_TYPES)
    p1, p2 = rng.sample(_BY_SUBJ[etype], 2)
    qid, s = _entity(rng, etype)
    return _Draft(
        "two_answers",
        f"SELECT ?ans_1 ?ans_2 WHERE {{ wd:{qid} wdt:{p1.pid} ?ans_1 . wd:{qid} wdt:{p2.pid} ?ans_2 }}",
        f"What is the {{{p1.label}}} and the {{{p2.label}}} of {{{s}}} ?",
        _phrase(rng, "two_answers", s=s, sp=_poss(s), p1=_noun(rng, p1), p2=_noun(rng, p2)))


_BUILDERS = {
    "simple": _simple, "right_type": _right_type, "left_type": _left_type,
    "two_hop": _two_hop, "hop_constraint": _hop_constraint, "hop_year": _hop_year,
    "ask_num": _ask_num, "ask_ent": _ask_ent, "ask_two": _ask_two,
    "count_obj": _count_obj, "count_sub": _count_sub, "qual_year": _qual_year,
    "qual_ent": _qual_ent, "qual_value": _qual_value, "two_answers": _two_answers,
    "contains_word": lambda rng: _label_filter(rng, with_pred=False, starts=False),
    "contains_word_pred": lambda rng: _label_filter(rng, with_pred=True, starts=False),
    "starts_letter": lambda rng: _label_filter(rng, with_pred=False, starts=True),
    "starts_letter_pred": lambda rng: _label_filter(rng, with_pred=True, starts=True),
    "rank": lambda rng: _rank(rng, with_pred=False),
    "rank_pred": lambda rng: _rank(rng, with_pred=True),
}
_NAMES = tuple(TEMPLATE_WEIGHTS)
_WEIGHTS = tuple(TEMPLATE_WEIGHTS[n] for n in _NAMES)


def _typo(rng: random.Random, text: str) -> str:
    """Swap two adjacent letters inside one longer word."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not long_words:
        return text
    i = _pick(rng, long_words)
    w, j = words[i], rng.randrange(1, len(words[i]) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def _surface(rng: random.Random, draft: _Draft) -> str:
    """Mostly the natural question; sometimes the NNQT form or light noise, as in LC-QuAD."""
    question, r = draft.question, rng.random()
    if r < 0.06:
        return f'"{draft.nnqt}"' if rng.random() < 0.3 else draft.nnqt
    if r < 0.09:
        return question.lower()
    if r < 0.14:
        return question.rstrip("?.").rstrip()
    if r < 0.16:
        i = question.find(" ", rng.randrange(len(question)))
        return question if i < 0 else question[:i] + " " + question[i:]
    if r < 0.17:
        return _typo(rng, question)
    if r < 0.175:
        return question.upper()
    return question


def generate_rows(n_rows: int, seed: int) -> list[dict[str, str]]:
    """n_rows distinct LC-QuAD-like rows, deterministic for (n_rows, seed)."""
    if n_rows < 0:
        raise ValueError(f"n_rows must be >= 0, got {n_rows}")
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for _ in range(50 * n_rows + 1000):
        if len(rows) == n_rows:
            return rows
        draft = _BUILDERS[rng.choices(_NAMES, _WEIGHTS)[0]](rng)
        question = _surface(rng, draft)
        if (draft.sparql, question) in seen:
            continue
        seen.add((draft.sparql, question))
        rows.append({"sparql_wikidata": draft.sparql, "question": question,
                     "NNQT_question": draft.nnqt, "template": draft.template})
    raise RuntimeError(f"could not generate {n_rows} distinct rows")

/* global React, ReactDOM, GraphiQL */
// GraphiQL over this server's /graphql; every asset comes from this origin.
const defaultQuery = `# 旭区 FY2017: issues, strategies, initiatives and their budgets
{
  plan(id: "asahi-2017") {
    title
    issues {
      number
      title
      strategies {
        number
        initiatives { number title budget { amountYen text } }
      }
    }
  }
}
`
const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).href })
ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher, defaultQuery }))
